import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputException, type FieldError } from './problem';
import { findUnsafeText } from './text-safety';

/** Flattens class-validator errors into `lines[0].quantity`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const path = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field: path, message: message.replace(/^property \S+ /, 'unknown property: ') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/**
 * Validation that first refuses text no reader can store (NUL and other control characters, unpaired
 * surrogates) anywhere in a body, query or path parameter, naming the field, then applies the DTO's rules.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const unsafe = findUnsafeText(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (unsafe.length) throw new BadInputException(unsafe, 'REQUEST.VALIDATION_FAILED');
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: safe text, whitelist, refuse unknown properties, transform, problem+json field errors. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadInputException(flattenValidationErrors(errors), 'REQUEST.VALIDATION_FAILED'),
  });
}
