import { demoCatalog } from '../demo/demo-catalog';
import { DEMO_CONFIGURATIONS } from '../demo/demo-configurations';
import { validateConfiguration } from './validate-configuration';
import { type ConfigurationInput, type Violation } from './violation';

const catalog = demoCatalog('2026-01-05T08:00:00.000Z');

/** A valid ThinkCentre M70t on Kylin for a Beijing government office. */
const desktop: ConfigurationInput = {
  modelId: 'TC-M70T-G4',
  optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10', 'SW-WPS-PRO', 'WTY-3Y-PC'],
  channel: 'DIRECT',
  region: 'Beijing',
};
/** A valid ThinkServer SR588 V2 in Shenzhen. */
const server: ConfigurationInput = {
  modelId: 'TS-SR588-V2',
  optionIds: ['CPU-XEON-4314', 'MEM-64G', 'SSD-960G-DC', 'OS-KYLIN-SVR-V10', 'WTY-3Y-SVR'],
  channel: 'DIRECT',
  region: 'Shenzhen',
};

function change(
  input: ConfigurationInput,
  edit: { add?: string[]; remove?: string[] } & Partial<ConfigurationInput>,
) {
  const { add = [], remove = [], ...rest } = edit;
  return { ...input, ...rest, optionIds: [...input.optionIds.filter((o) => !remove.includes(o)), ...add] };
}
const codes = (violations: Violation[]) => violations.map((v) => v.code);

describe('validating a CTO configuration', () => {
  it('accepts a complete configuration that breaks no rule', () => {
    expect(validateConfiguration(catalog, desktop)).toEqual({ valid: true, violations: [] });
    expect(validateConfiguration(catalog, server)).toEqual({ valid: true, violations: [] });
  });

  describe('a model that is not in the catalog version', () => {
    it('is reported without class checks it cannot make', () => {
      const result = validateConfiguration(catalog, { ...desktop, modelId: 'TC-M920T' });
      expect(result.valid).toBe(false);
      expect(result.violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.UNKNOWN_MODEL', rule: 'model:TC-M920T', optionIds: [] }),
      ]);
    });
  });

  describe('an option that is not in the catalog version', () => {
    it('names the unknown option', () => {
      const { violations } = validateConfiguration(catalog, change(desktop, { add: ['GPU-RTX4060'] }));
      expect(violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.UNKNOWN_OPTION', optionIds: ['GPU-RTX4060'] }),
      ]);
    });
  });

  describe('an option selected twice', () => {
    it('reports the duplicate once and does not count it twice against the class maximum', () => {
      const { violations } = validateConfiguration(catalog, change(desktop, { add: ['MEM-16G', 'MEM-16G'] }));
      expect(violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.DUPLICATE_OPTION', optionIds: ['MEM-16G'] }),
      ]);
      expect(violations[0].message).toContain('3 times');
    });
  });

  describe('an option the model does not offer', () => {
    it('keeps a Xeon off a desktop, and the desktop still lacks a processor', () => {
      const { violations } = validateConfiguration(
        catalog,
        change(desktop, { remove: ['CPU-I5-13500'], add: ['CPU-XEON-4314'] }),
      );
      expect(violations).toEqual([
        expect.objectContaining({
          code: 'CONFIG.OPTION_NOT_FOR_MODEL',
          optionIds: ['CPU-XEON-4314'],
          classId: 'CPU',
        }),
        expect.objectContaining({ code: 'CONFIG.CLASS_MIN', classId: 'CPU', optionIds: [] }),
      ]);
    });

    it('refuses accidental damage protection on a server', () => {
      const { violations } = validateConfiguration(catalog, change(server, { add: ['ADP-3Y'] }));
      expect(violations).toEqual([
        expect.objectContaining({
          code: 'CONFIG.OPTION_NOT_FOR_MODEL',
          optionIds: ['ADP-3Y'],
          classId: 'ADP',
        }),
      ]);
    });
  });

  describe('too few options of a class', () => {
    it('asks for an operating system on a desktop', () => {
      const { violations } = validateConfiguration(catalog, change(desktop, { remove: ['OS-KYLIN-V10'] }));
      expect(violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.CLASS_MIN', classId: 'OS', rule: 'class:TC-M70T-G4/OS:min' }),
      ]);
    });
  });

  describe('too many options of a class', () => {
    it('refuses two memory sizes and names both', () => {
      const { violations } = validateConfiguration(catalog, change(desktop, { add: ['MEM-32G'] }));
      expect(violations).toEqual([
        expect.objectContaining({
          code: 'CONFIG.CLASS_MAX',
          classId: 'MEMORY',
          optionIds: ['MEM-16G', 'MEM-32G'],
        }),
      ]);
    });
  });

  describe('an option whose requirement is missing', () => {
    it('refuses 64 GB memory with an i5', () => {
      const { violations } = validateConfiguration(
        catalog,
        change(desktop, { remove: ['MEM-16G'], add: ['MEM-64G'] }),
      );
      expect(violations).toEqual([
        expect.objectContaining({
          code: 'CONFIG.REQUIRES',
          rule: 'MEM64-NEEDS-I7-OR-XEON',
          optionIds: ['MEM-64G'],
        }),
      ]);
    });

    it('refuses 4-hour on-site parts without the extended warranty', () => {
      const { violations } = validateConfiguration(
        catalog,
        change(desktop, { remove: ['WTY-3Y-PC'], add: ['ONSITE-4H-PC'] }),
      );
      expect(violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.REQUIRES', rule: 'ONSITE4H-PC-NEEDS-WARRANTY' }),
      ]);
    });
  });

  describe('options that exclude each other', () => {
    it('refuses Microsoft Office on Kylin and names both options', () => {
      const { violations } = validateConfiguration(
        catalog,
        change(desktop, { remove: ['SW-WPS-PRO'], add: ['SW-MSOFFICE-LTSC'] }),
      );
      expect(violations).toEqual([
        expect.objectContaining({
          code: 'CONFIG.EXCLUDES',
          rule: 'KYLIN-NO-MS-OFFICE',
          optionIds: ['OS-KYLIN-V10', 'SW-MSOFFICE-LTSC'],
        }),
      ]);
    });
  });

  describe('an option restricted to other channels', () => {
    it('refuses keep-your-drive through an agent but allows it direct', () => {
      const withKyd = change(desktop, { add: ['KYD-3Y'] });
      expect(validateConfiguration(catalog, withKyd).valid).toBe(true);
      const { violations } = validateConfiguration(catalog, { ...withKyd, channel: 'AGENT' });
      expect(violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.CHANNEL_RESTRICTED', optionIds: ['KYD-3Y'] }),
      ]);
    });
  });

  describe('an option restricted to designated cities', () => {
    const with4h = change(desktop, { add: ['ONSITE-4H-PC'] });

    it('refuses 4-hour on-site parts outside Beijing, Shanghai, Guangzhou and Shenzhen', () => {
      const { violations } = validateConfiguration(catalog, { ...with4h, region: 'Chengdu' });
      expect(violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.REGION_RESTRICTED', optionIds: ['ONSITE-4H-PC'] }),
      ]);
      expect(violations[0].message).toContain('Chengdu');
    });

    it('matches the city regardless of case and surrounding spaces', () => {
      expect(validateConfiguration(catalog, { ...with4h, region: ' shanghai ' }).valid).toBe(true);
    });

    it('refuses it when the region is not given', () => {
      expect(codes(validateConfiguration(catalog, { ...with4h, region: '' }).violations)).toEqual([
        'CONFIG.REGION_RESTRICTED',
      ]);
    });
  });

  describe('an option that may not be sold through CTO', () => {
    it('refuses the on-site spare-parts depot even where it is available', () => {
      const { violations } = validateConfiguration(catalog, change(server, { add: ['SPARE-DEPOT'] }));
      expect(violations).toEqual([
        expect.objectContaining({ code: 'CONFIG.NOT_CTO_SELLABLE', optionIds: ['SPARE-DEPOT'] }),
      ]);
    });
  });

  describe('a configuration with many problems', () => {
    it('returns every violation, not just the first', () => {
      const input: ConfigurationInput = {
        modelId: 'TC-M70T-G4',
        optionIds: [
          'CPU-XEON-4314', // not for a desktop → also no CPU
          'MEM-64G', // requires i7 or Xeon: satisfied by the (misplaced) Xeon, so no REQUIRES
          'MEM-16G', // second memory → CLASS_MAX
          'SSD-512G',
          'SSD-512G', // duplicate
          'OS-UOS-V20',
          'SW-MSOFFICE-LTSC', // excluded by UOS
          'ONSITE-4H-PC', // no warranty, and Chengdu
          'KYD-3Y', // agent channel
          'SPARE-DEPOT', // not CTO, not for desktops, not in Chengdu
          'FLOPPY-1.44M', // unknown
        ],
        channel: 'AGENT',
        region: 'Chengdu',
      };
      const result = validateConfiguration(catalog, input);
      expect(result.valid).toBe(false);
      expect(codes(result.violations).sort()).toEqual(
        [
          'CONFIG.DUPLICATE_OPTION',
          'CONFIG.OPTION_NOT_FOR_MODEL',
          'CONFIG.REGION_RESTRICTED',
          'CONFIG.CHANNEL_RESTRICTED',
          'CONFIG.OPTION_NOT_FOR_MODEL',
          'CONFIG.NOT_CTO_SELLABLE',
          'CONFIG.REGION_RESTRICTED',
          'CONFIG.UNKNOWN_OPTION',
          'CONFIG.CLASS_MIN',
          'CONFIG.CLASS_MAX',
          'CONFIG.EXCLUDES',
          'CONFIG.REQUIRES',
        ].sort(),
      );
      for (const v of result.violations) {
        expect(v.rule).not.toHaveLength(0);
        expect(v.message).not.toHaveLength(0);
      }
    });
  });

  it.each(DEMO_CONFIGURATIONS.map((d) => [d.name, d.input] as const))(
    'validates the demo sample: %s',
    (_, input) => {
      expect(validateConfiguration(catalog, input).violations).toEqual([]);
    },
  );
});
