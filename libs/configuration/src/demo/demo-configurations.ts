import { type ConfigurationInput } from '../cto/violation';

/** A realistic, valid configuration of the demo catalog, for seeding demo orders and for tests. */
export interface DemoConfiguration {
  name: string;
  input: ConfigurationInput;
}

/** Sample configurations of the demo catalog; every one of them validates. */
export const DEMO_CONFIGURATIONS: readonly DemoConfiguration[] = [
  {
    name: 'Government office desktop on Kylin (Beijing)',
    input: {
      modelId: 'TC-M70T-G4',
      optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10', 'SW-WPS-PRO', 'WTY-3Y-PC'],
      channel: 'DIRECT',
      region: 'Beijing',
    },
  },
  {
    name: 'Bank branch notebook with 4-hour on-site parts (Shanghai)',
    input: {
      modelId: 'TP-T14-G4',
      optionIds: [
        'CPU-I7-1365U',
        'MEM-32G',
        'SSD-1T',
        'OS-WIN11-PRO',
        'SW-MSOFFICE-LTSC',
        'WTY-3Y-NB',
        'ADP-3Y',
        'ONSITE-4H-PC',
      ],
      channel: 'DIRECT',
      region: 'Shanghai',
    },
  },
  {
    name: 'Engineering desktop, 64 GB, keep your drive (Guangzhou, commerce provider)',
    input: {
      modelId: 'TC-M90T-G4',
      optionIds: ['CPU-I7-13700', 'MEM-64G', 'SSD-1T', 'HDD-1T', 'OS-WIN11-PRO', 'WTY-3Y-PC', 'KYD-3Y'],
      channel: 'COMMERCE_PROVIDER',
      region: 'Guangzhou',
    },
  },
  {
    name: 'Telecom rack server, 5-year warranty and 4-hour on-site parts (Shenzhen)',
    input: {
      modelId: 'TS-SR588-V2',
      optionIds: [
        'CPU-XEON-5318Y',
        'MEM-128G',
        'SSD-960G-DC',
        'HDD-4T-SAS',
        'OS-KYLIN-SVR-V10',
        'WTY-5Y-SVR',
        'ONSITE-4H-SVR',
      ],
      channel: 'DIRECT',
      region: 'Shenzhen',
    },
  },
  {
    name: 'School notebook on UOS through an agent (Chengdu)',
    input: {
      modelId: 'TP-E14-G5',
      optionIds: ['CPU-I5-1335U', 'MEM-16G', 'SSD-512G', 'OS-UOS-V20', 'SW-WPS-PRO', 'WTY-3Y-NB', 'ADP-3Y'],
      channel: 'AGENT',
      region: 'Chengdu',
    },
  },
  {
    name: 'Branch tower server on UOS through an agent (Wuhan)',
    input: {
      modelId: 'TS-TS80X',
      optionIds: ['CPU-XEON-E2334', 'MEM-32G', 'SSD-960G-DC', 'OS-UOS-SVR-V20', 'WTY-3Y-SVR'],
      channel: 'AGENT',
      region: 'Wuhan',
    },
  },
];
