import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CatalogService } from '@apps/configuration';
import { evaluateConfiguration } from '@kamflow/configuration';
import { DomainError } from '@kamflow/eventsourcing';
import { RequireRoles } from '@kamflow/infrastructure';
import { type AccountTier } from '@kamflow/shared-kernel';
import { MasterDataService } from '../master-data/master-data.service';
import { STAFF } from '../shared/access';
import { catalogView, validationView } from './catalog-view';
import { ValidateConfigurationRequest } from './catalog.dto';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** 产品BOM / 特配: the current catalog and a configurator's validation. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly masterData: MasterDataService,
  ) {}

  /** Models (with the options each offers), option classes, options, rules and tier discounts of the current version. */
  @ApiAnswer('Read the current catalog', 200, 'Catalog')
  @Get('catalog/models')
  async models() {
    return catalogView(await this.catalog.content());
  }

  /**
   * Validates, prices and times a configuration against the current catalog. Answers 200 also when the
   * configuration is invalid: the violations are the answer.
   */
  @ApiAnswer('Validate and price a configuration', 200, 'ConfigurationValidation')
  @Post('configurations/validate')
  @HttpCode(200)
  @RequireRoles(...STAFF)
  async validate(@Body() body: ValidateConfigurationRequest) {
    let tier: AccountTier = 'ORDINARY';
    if (body.accountId) {
      const account = await this.masterData.account(body.accountId).catch(() => {
        throw new DomainError('CONFIG.UNKNOWN_ACCOUNT', `Account ${body.accountId} does not exist`, 'rule', {
          field: 'accountId',
        });
      });
      tier = account.tier;
    }
    const catalog = await this.catalog.content();
    const input = { modelId: body.modelId, optionIds: body.optionIds, channel: body.channel, region: body.region };
    return validationView(evaluateConfiguration(catalog, input, tier), tier, body.quantity);
  }
}
