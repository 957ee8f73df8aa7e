import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ref } from './schema-builders';

/**
 * Documents an operation: its summary and its success answer, a component schema of the OpenAPI
 * document (see `component-schemas.ts`). Error answers and headers are added for every operation by
 * `completeDocument`.
 */
export function ApiAnswer(summary: string, status: number, schema: string, description = summary) {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiResponse({ status, description, schema: ref(schema) }),
  );
}
