import { money } from '@kamflow/shared-kernel';
import {
  type CatalogContent,
  type CatalogRule,
  type ModelClass,
  type ProductModel,
} from '../catalog/catalog.types';
import { DEMO_OPTION_CLASSES, DEMO_OPTIONS } from './demo-catalog-options';

/** Id of the demo catalog (its stream is `catalog-cn-key-accounts`). */
export const DEMO_CATALOG_ID = 'cn-key-accounts';

const c = (classId: string, min: number, max: number, optionIds?: string[]): ModelClass =>
  optionIds ? { classId, min, max, optionIds } : { classId, min, max };

const DESKTOP_OS = ['OS-WIN11-PRO', 'OS-KYLIN-V10', 'OS-UOS-V20'];
const SERVER_OS = ['OS-WINSVR-2022', 'OS-KYLIN-SVR-V10', 'OS-UOS-SVR-V20'];
const DESKTOP_STORAGE = ['SSD-256G', 'SSD-512G', 'SSD-1T', 'HDD-1T'];

/** Classes every desktop takes; `memory` narrows the memory sizes the board supports. */
const desktopClasses = (memory: string[], storage = DESKTOP_STORAGE): ModelClass[] => [
  c('CPU', 1, 1, ['CPU-I5-13500', 'CPU-I7-13700']),
  c('MEMORY', 1, 1, memory),
  c('STORAGE', 1, 2, storage),
  c('OS', 1, 1, DESKTOP_OS),
  c('SOFTWARE', 0, 2),
  c('WARRANTY', 0, 1, ['WTY-3Y-PC']),
  c('KYD', 0, 1),
  c('ONSITE_4H', 0, 1, ['ONSITE-4H-PC']),
];

/** Notebooks take one drive, and add accidental damage protection. */
const notebookClasses = (memory: string[], storage: string[]): ModelClass[] => [
  c('CPU', 1, 1, ['CPU-I5-1335U', 'CPU-I7-1365U']),
  c('MEMORY', 1, 1, memory),
  c('STORAGE', 1, 1, storage),
  c('OS', 1, 1, DESKTOP_OS),
  c('SOFTWARE', 0, 2),
  c('WARRANTY', 0, 1, ['WTY-3Y-NB']),
  c('ADP', 0, 1),
  c('KYD', 0, 1),
  c('ONSITE_4H', 0, 1, ['ONSITE-4H-PC']),
];

/** Servers: Xeon only, OS optional, no accidental damage protection; the spare-parts depot exists but not for CTO. */
const serverClasses = (cpu: string[], memory: string[]): ModelClass[] => [
  c('CPU', 1, 1, cpu),
  c('MEMORY', 1, 1, memory),
  c('STORAGE', 1, 2, ['SSD-960G-DC', 'HDD-4T-SAS']),
  c('OS', 0, 1, SERVER_OS),
  c('WARRANTY', 0, 1, ['WTY-3Y-SVR', 'WTY-5Y-SVR']),
  c('ONSITE_4H', 0, 1, ['ONSITE-4H-SVR']),
  c('SPARE_DEPOT', 0, 1),
];

const DEMO_MODELS: ProductModel[] = [
  {
    id: 'TC-NEO50T-G4',
    family: 'ThinkCentre',
    name: 'ThinkCentre neo 50t Gen 4',
    nameZh: 'ThinkCentre neo 50t 台式机 (第4代)',
    basePrice: money(329_900),
    assemblyDays: 2,
    classes: desktopClasses(['MEM-8G', 'MEM-16G', 'MEM-32G']),
  },
  {
    id: 'TC-M70T-G4',
    family: 'ThinkCentre',
    name: 'ThinkCentre M70t Gen 4',
    nameZh: 'ThinkCentre M70t 台式机 (第4代)',
    basePrice: money(449_900),
    assemblyDays: 3,
    classes: desktopClasses(['MEM-8G', 'MEM-16G', 'MEM-32G', 'MEM-64G']),
  },
  {
    id: 'TC-M90T-G4',
    family: 'ThinkCentre',
    name: 'ThinkCentre M90t Gen 4',
    nameZh: 'ThinkCentre M90t 台式机 (第4代)',
    basePrice: money(629_900),
    assemblyDays: 3,
    classes: desktopClasses(['MEM-16G', 'MEM-32G', 'MEM-64G'], ['SSD-512G', 'SSD-1T', 'HDD-1T']),
  },
  {
    id: 'TP-E14-G5',
    family: 'ThinkPad',
    name: 'ThinkPad E14 Gen 5',
    nameZh: 'ThinkPad E14 笔记本 (第5代)',
    basePrice: money(469_900),
    assemblyDays: 3,
    classes: notebookClasses(['MEM-8G', 'MEM-16G', 'MEM-32G'], ['SSD-256G', 'SSD-512G', 'SSD-1T']),
  },
  {
    id: 'TP-T14-G4',
    family: 'ThinkPad',
    name: 'ThinkPad T14 Gen 4',
    nameZh: 'ThinkPad T14 笔记本 (第4代)',
    basePrice: money(729_900),
    assemblyDays: 4,
    classes: notebookClasses(['MEM-16G', 'MEM-32G', 'MEM-64G'], ['SSD-512G', 'SSD-1T']),
  },
  {
    id: 'TP-X1C-G11',
    family: 'ThinkPad',
    name: 'ThinkPad X1 Carbon Gen 11',
    nameZh: 'ThinkPad X1 Carbon 笔记本 (第11代)',
    basePrice: money(1_099_900),
    assemblyDays: 5,
    classes: notebookClasses(['MEM-16G', 'MEM-32G', 'MEM-64G'], ['SSD-512G', 'SSD-1T']),
  },
  {
    id: 'TS-TS80X',
    family: 'ThinkServer',
    name: 'ThinkServer TS80X tower server',
    nameZh: 'ThinkServer TS80X 塔式服务器',
    basePrice: money(699_900),
    assemblyDays: 5,
    classes: serverClasses(['CPU-XEON-E2334'], ['MEM-32G', 'MEM-64G']),
  },
  {
    id: 'TS-SR588-V2',
    family: 'ThinkServer',
    name: 'ThinkServer SR588 V2 2U rack server',
    nameZh: 'ThinkServer SR588 V2 2U 机架式服务器',
    basePrice: money(2_899_900),
    assemblyDays: 7,
    classes: serverClasses(['CPU-XEON-4314', 'CPU-XEON-5318Y'], ['MEM-32G', 'MEM-64G', 'MEM-128G']),
  },
];

const I7_OR_XEON = ['CPU-I7-13700', 'CPU-I7-1365U', 'CPU-XEON-E2334', 'CPU-XEON-4314', 'CPU-XEON-5318Y'];
const NO_MS_OFFICE = 'Microsoft Office runs on Windows only; choose WPS Office for Kylin or UOS';

const DEMO_RULES: CatalogRule[] = [
  {
    kind: 'requires',
    id: 'MEM64-NEEDS-I7-OR-XEON',
    description: '64 GB memory is validated with i7 or Xeon processors only',
    optionId: 'MEM-64G',
    requiresAnyOf: I7_OR_XEON,
  },
  {
    kind: 'requires',
    id: 'MEM128-NEEDS-XEON',
    description: '128 GB ECC memory needs a Xeon processor',
    optionId: 'MEM-128G',
    requiresAnyOf: ['CPU-XEON-E2334', 'CPU-XEON-4314', 'CPU-XEON-5318Y'],
  },
  {
    kind: 'excludes',
    id: 'KYLIN-NO-MS-OFFICE',
    description: NO_MS_OFFICE,
    optionId: 'OS-KYLIN-V10',
    excludes: ['SW-MSOFFICE-LTSC'],
  },
  {
    kind: 'excludes',
    id: 'UOS-NO-MS-OFFICE',
    description: NO_MS_OFFICE,
    optionId: 'OS-UOS-V20',
    excludes: ['SW-MSOFFICE-LTSC'],
  },
  {
    kind: 'requires',
    id: 'ONSITE4H-PC-NEEDS-WARRANTY',
    description: '4-hour on-site parts extends the 3-year warranty; it cannot be sold without it',
    optionId: 'ONSITE-4H-PC',
    requiresAnyOf: ['WTY-3Y-PC', 'WTY-3Y-NB'],
  },
  {
    kind: 'requires',
    id: 'ONSITE4H-SVR-NEEDS-WARRANTY',
    description: '4-hour on-site parts extends the server warranty; it cannot be sold without it',
    optionId: 'ONSITE-4H-SVR',
    requiresAnyOf: ['WTY-3Y-SVR', 'WTY-5Y-SVR'],
  },
];

/**
 * The demo key-account catalog (version 1): 3 ThinkCentre desktops, 3 ThinkPad notebooks, 2 ThinkServer
 * servers with CPU / memory / storage / OS / software options and service products (extended warranty,
 * accidental damage protection, keep your drive, 4-hour on-site parts in Beijing, Shanghai, Guangzhou and
 * Shenzhen only, and the on-site spare-parts depot, which is not sold through CTO). Prices in fen.
 * Tier discounts: strategic 12 %, core 8 %, important 5 %, ordinary none.
 */
export function demoCatalog(publishedAt: string): CatalogContent {
  return {
    catalogId: DEMO_CATALOG_ID,
    version: 1,
    publishedAt,
    models: structuredClone(DEMO_MODELS),
    optionClasses: structuredClone(DEMO_OPTION_CLASSES),
    options: structuredClone(DEMO_OPTIONS),
    rules: structuredClone(DEMO_RULES),
    tierDiscountsBp: { STRATEGIC: 1_200, CORE: 800, IMPORTANT: 500, ORDINARY: 0 },
  };
}
