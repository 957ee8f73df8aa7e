import { money } from '@kamflow/shared-kernel';
import { type CatalogOption, type OptionClass } from '../catalog/catalog.types';

/** Cities with 4-hour on-site parts coverage (seeds/000 line 493: 仅在指定城市范围内有效). */
export const FOUR_HOUR_CITIES = ['Beijing', 'Shanghai', 'Guangzhou', 'Shenzhen'];

/** Option classes of the demo catalog. */
export const DEMO_OPTION_CLASSES: OptionClass[] = [
  { id: 'CPU', name: 'Processor', nameZh: '处理器' },
  { id: 'MEMORY', name: 'Memory', nameZh: '内存' },
  { id: 'STORAGE', name: 'Storage', nameZh: '存储' },
  { id: 'OS', name: 'Operating system', nameZh: '操作系统' },
  { id: 'SOFTWARE', name: 'Preinstalled software', nameZh: '预装软件' },
  { id: 'WARRANTY', name: 'Extended warranty', nameZh: '延长保修' },
  { id: 'ADP', name: 'Accidental damage protection', nameZh: '意外保护服务' },
  { id: 'KYD', name: 'Keep your drive', nameZh: '硬盘不回收服务' },
  { id: 'ONSITE_4H', name: '4-hour on-site parts', nameZh: '4小时备件到场' },
  { id: 'SPARE_DEPOT', name: 'On-site spare-parts depot', nameZh: '现场备件库' },
];

type Extra = Partial<Pick<CatalogOption, 'channels' | 'regions' | 'ctoSellable'>>;

/** An option priced in fen (1 CNY = 100 fen). */
function option(
  id: string,
  classId: string,
  name: string,
  nameZh: string,
  fen: number,
  leadTimeDays: number,
  extra: Extra = {},
): CatalogOption {
  return { id, classId, name, nameZh, price: money(fen), leadTimeDays, ctoSellable: true, ...extra };
}

/** Options of the demo catalog; prices are per unit, added to the model's base price. */
export const DEMO_OPTIONS: CatalogOption[] = [
  // Processors: desktop, mobile and server parts; each model lists the ones it takes.
  option('CPU-I5-13500', 'CPU', 'Intel Core i5-13500', '英特尔 酷睿 i5-13500', 0, 0),
  option('CPU-I7-13700', 'CPU', 'Intel Core i7-13700', '英特尔 酷睿 i7-13700', 120_000, 2),
  option('CPU-I5-1335U', 'CPU', 'Intel Core i5-1335U', '英特尔 酷睿 i5-1335U', 0, 0),
  option('CPU-I7-1365U', 'CPU', 'Intel Core i7-1365U vPro', '英特尔 酷睿 i7-1365U vPro', 150_000, 3),
  option('CPU-XEON-E2334', 'CPU', 'Intel Xeon E-2334', '英特尔 至强 E-2334', 0, 2),
  option('CPU-XEON-4314', 'CPU', 'Intel Xeon Silver 4314', '英特尔 至强 银牌 4314', 0, 3),
  option('CPU-XEON-5318Y', 'CPU', 'Intel Xeon Gold 5318Y', '英特尔 至强 金牌 5318Y', 980_000, 7),
  // Memory
  option('MEM-8G', 'MEMORY', '8 GB memory', '8GB 内存', 0, 0),
  option('MEM-16G', 'MEMORY', '16 GB memory', '16GB 内存', 30_000, 0),
  option('MEM-32G', 'MEMORY', '32 GB memory', '32GB 内存', 90_000, 1),
  option('MEM-64G', 'MEMORY', '64 GB memory', '64GB 内存', 240_000, 3),
  option('MEM-128G', 'MEMORY', '128 GB ECC memory', '128GB ECC 内存', 560_000, 5),
  // Storage
  option('SSD-256G', 'STORAGE', '256 GB PCIe SSD', '256GB 固态硬盘', 0, 0),
  option('SSD-512G', 'STORAGE', '512 GB PCIe SSD', '512GB 固态硬盘', 30_000, 0),
  option('SSD-1T', 'STORAGE', '1 TB PCIe SSD', '1TB 固态硬盘', 80_000, 1),
  option('HDD-1T', 'STORAGE', '1 TB 7200 rpm hard disk', '1TB 7200转 机械硬盘', 35_000, 1),
  option('SSD-960G-DC', 'STORAGE', '960 GB data-center SATA SSD', '960GB 企业级 SATA 固态硬盘', 260_000, 3),
  option('HDD-4T-SAS', 'STORAGE', '4 TB 7.2K SAS hard disk', '4TB 7.2K SAS 机械硬盘', 180_000, 3),
  // Operating systems
  option('OS-WIN11-PRO', 'OS', 'Windows 11 Pro', 'Windows 11 专业版', 90_000, 0),
  option('OS-KYLIN-V10', 'OS', 'Kylin Desktop OS V10', '银河麒麟桌面操作系统 V10', 60_000, 0),
  option('OS-UOS-V20', 'OS', 'UOS Desktop Professional V20', '统信UOS桌面专业版 V20', 60_000, 0),
  option('OS-WINSVR-2022', 'OS', 'Windows Server 2022 Standard', 'Windows Server 2022 标准版', 650_000, 1),
  option(
    'OS-KYLIN-SVR-V10',
    'OS',
    'Kylin Advanced Server OS V10',
    '银河麒麟高级服务器操作系统 V10',
    380_000,
    1,
  ),
  option('OS-UOS-SVR-V20', 'OS', 'UOS Server V20', '统信UOS服务器操作系统 V20', 350_000, 1),
  // Preinstalled software
  option(
    'SW-MSOFFICE-LTSC',
    'SOFTWARE',
    'Microsoft Office LTSC Standard 2021',
    'Microsoft Office LTSC 2021 标准版',
    260_000,
    0,
  ),
  option('SW-WPS-PRO', 'SOFTWARE', 'WPS Office Professional', 'WPS Office 专业版', 40_000, 0),
  // Service products (服务产品)
  option(
    'WTY-3Y-PC',
    'WARRANTY',
    '3-year extended warranty, next-business-day on-site (desktop)',
    '3年延保 下一工作日上门 (台式机)',
    50_000,
    0,
  ),
  option(
    'WTY-3Y-NB',
    'WARRANTY',
    '3-year extended warranty, next-business-day on-site (notebook)',
    '3年延保 下一工作日上门 (笔记本)',
    90_000,
    0,
  ),
  option(
    'WTY-3Y-SVR',
    'WARRANTY',
    '3-year extended warranty, 7×24 (server)',
    '3年延保 7×24 (服务器)',
    280_000,
    0,
  ),
  option(
    'WTY-5Y-SVR',
    'WARRANTY',
    '5-year extended warranty, 7×24 (server)',
    '5年延保 7×24 (服务器)',
    560_000,
    0,
  ),
  option('ADP-3Y', 'ADP', '3-year accidental damage protection', '3年意外保护服务', 70_000, 0),
  // Contract-style service: sold directly or by the commerce provider, not by agents.
  option('KYD-3Y', 'KYD', '3-year keep your drive', '3年硬盘不回收服务', 30_000, 0, {
    channels: ['DIRECT', 'COMMERCE_PROVIDER'],
  }),
  option(
    'ONSITE-4H-PC',
    'ONSITE_4H',
    '3-year 4-hour on-site parts (PC)',
    '3年4小时备件到场 (PC)',
    120_000,
    0,
    {
      regions: FOUR_HOUR_CITIES,
    },
  ),
  option(
    'ONSITE-4H-SVR',
    'ONSITE_4H',
    '3-year 4-hour on-site parts, 7×24 (server)',
    '3年4小时备件到场 7×24 (服务器)',
    450_000,
    0,
    {
      regions: FOUR_HOUR_CITIES,
    },
  ),
  // seeds/000 lines 492-493: the depot is sold only by provider D, EC or contract, never through CTO.
  option('SPARE-DEPOT', 'SPARE_DEPOT', 'On-site spare-parts depot', '现场备件库', 1_500_000, 10, {
    ctoSellable: false,
    regions: FOUR_HOUR_CITIES,
  }),
];
