import { type CatalogContent, type CatalogOption, type ProductModel, ruleId } from '../catalog/catalog.types';
import { type ConfigurationInput, type ValidationResult, type Violation, ViolationCodes } from './violation';

/**
 * Validates a CTO configuration (特配) against one catalog version and returns every violation:
 * unknown model or options, duplicates, options not offered on the model, options not sellable through
 * CTO, channel and region restrictions, class min/max selections, and `requires` / `excludes` rules.
 */
export function validateConfiguration(catalog: CatalogContent, input: ConfigurationInput): ValidationResult {
  const violations: Violation[] = [];
  const model = catalog.models.find((m) => m.id === input.modelId);
  if (!model) {
    violations.push({
      code: ViolationCodes.UnknownModel,
      rule: `model:${input.modelId}`,
      message: `Model ${input.modelId} is not in catalog version ${catalog.version}`,
      optionIds: [],
    });
  }

  const distinct = [...new Set(input.optionIds)];
  for (const id of distinct) {
    const count = input.optionIds.filter((o) => o === id).length;
    if (count > 1) {
      violations.push({
        code: ViolationCodes.DuplicateOption,
        rule: `option:${id}:once`,
        message: `Option ${id} is selected ${count} times; select it once`,
        optionIds: [id],
      });
    }
  }

  const optionsById = new Map(catalog.options.map((o) => [o.id, o]));
  const selected: CatalogOption[] = [];
  for (const id of distinct) {
    const option = optionsById.get(id);
    if (!option) {
      violations.push({
        code: ViolationCodes.UnknownOption,
        rule: `option:${id}`,
        message: `Option ${id} is not in catalog version ${catalog.version}`,
        optionIds: [id],
      });
      continue;
    }
    selected.push(option);
    violations.push(...optionViolations(option, model, input));
  }

  if (model) violations.push(...classViolations(model, selected));
  violations.push(...ruleViolations(catalog, new Set(selected.map((o) => o.id))));
  return { valid: violations.length === 0, violations };
}

/** Whether `model` offers `option` (its class applies and, if the model narrows the class, lists it). */
export function isOfferedOn(model: ProductModel, option: CatalogOption): boolean {
  const modelClass = model.classes.find((c) => c.classId === option.classId);
  return !!modelClass && (!modelClass.optionIds || modelClass.optionIds.includes(option.id));
}

function optionViolations(
  option: CatalogOption,
  model: ProductModel | undefined,
  input: ConfigurationInput,
): Violation[] {
  const found: Violation[] = [];
  const base = { optionIds: [option.id], classId: option.classId };
  if (model && !isOfferedOn(model, option)) {
    found.push({
      ...base,
      code: ViolationCodes.OptionNotForModel,
      rule: `model:${model.id}:${option.classId}`,
      message: `${option.name} (${option.id}) is not offered on ${model.name}`,
    });
  }
  if (!option.ctoSellable) {
    found.push({
      ...base,
      code: ViolationCodes.NotCtoSellable,
      rule: `option:${option.id}:ctoSellable`,
      message: `${option.name} (${option.id}) may not be sold through CTO; sell it by contract`,
    });
  }
  if (option.channels && !option.channels.includes(input.channel)) {
    found.push({
      ...base,
      code: ViolationCodes.ChannelRestricted,
      rule: `option:${option.id}:channels`,
      message: `${option.name} (${option.id}) is not sold through the ${input.channel} channel (only ${option.channels.join(', ')})`,
    });
  }
  if (option.regions && !inRegions(option.regions, input.region)) {
    found.push({
      ...base,
      code: ViolationCodes.RegionRestricted,
      rule: `option:${option.id}:regions`,
      message: `${option.name} (${option.id}) is not available in ${input.region || 'an unspecified region'} (only ${option.regions.join(', ')})`,
    });
  }
  return found;
}

function inRegions(regions: readonly string[], region: string): boolean {
  const wanted = region.trim().toLowerCase();
  return wanted.length > 0 && regions.some((r) => r.trim().toLowerCase() === wanted);
}

function classViolations(model: ProductModel, selected: readonly CatalogOption[]): Violation[] {
  const found: Violation[] = [];
  for (const modelClass of model.classes) {
    // Options not offered on the model are reported on their own; they do not fill a class.
    const chosen = selected
      .filter((o) => o.classId === modelClass.classId && isOfferedOn(model, o))
      .map((o) => o.id);
    if (chosen.length < modelClass.min) {
      found.push({
        code: ViolationCodes.ClassMin,
        rule: `class:${model.id}/${modelClass.classId}:min`,
        message: `${model.name} needs at least ${modelClass.min} ${modelClass.classId} option(s); ${chosen.length} selected`,
        optionIds: chosen,
        classId: modelClass.classId,
      });
    }
    if (chosen.length > modelClass.max) {
      found.push({
        code: ViolationCodes.ClassMax,
        rule: `class:${model.id}/${modelClass.classId}:max`,
        message: `${model.name} takes at most ${modelClass.max} ${modelClass.classId} option(s); ${chosen.length} selected`,
        optionIds: chosen,
        classId: modelClass.classId,
      });
    }
  }
  return found;
}

function ruleViolations(catalog: CatalogContent, selected: ReadonlySet<string>): Violation[] {
  const found: Violation[] = [];
  for (const rule of catalog.rules) {
    if (!selected.has(rule.optionId)) continue;
    const why = rule.description ? `: ${rule.description}` : '';
    switch (rule.kind) {
      case 'requires':
        if (!rule.requiresAnyOf.some((id) => selected.has(id))) {
          found.push({
            code: ViolationCodes.Requires,
            rule: ruleId(rule),
            message: `${rule.optionId} requires one of ${rule.requiresAnyOf.join(', ')}${why}`,
            optionIds: [rule.optionId],
          });
        }
        break;
      case 'excludes': {
        const conflicting = rule.excludes.filter((id) => selected.has(id));
        if (conflicting.length > 0) {
          found.push({
            code: ViolationCodes.Excludes,
            rule: ruleId(rule),
            message: `${rule.optionId} cannot be combined with ${conflicting.join(', ')}${why}`,
            optionIds: [rule.optionId, ...conflicting],
          });
        }
        break;
      }
    }
  }
  return found;
}
