import { type KeyAccountProfile, type ProviderProfile } from '@kamflow/accounts';
import { type CreditGrade, money } from '@kamflow/shared-kernel';

/** Demo users: one per role, password `demo123` (demo only). */
export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员 Admin', roles: ['admin'] },
  { username: 'desk', displayName: '订单管理 Order desk', roles: ['order-desk'] },
  { username: 'reviewer', displayName: '合同审核 Contract reviewer', roles: ['contract-reviewer'] },
  { username: 'analyst', displayName: '信用审核 Credit analyst', roles: ['credit-analyst'] },
  { username: 'director', displayName: '营销总监 Credit approver', roles: ['credit-approver'] },
  { username: 'manager', displayName: '客户经理 Account manager', roles: ['account-manager'] },
  { username: 'manager2', displayName: '客户经理 Account manager (east)', roles: ['account-manager'] },
  { username: 'finance', displayName: '帐务管理 Finance', roles: ['finance'] },
  { username: 'logistics', displayName: '顺丰速运 SF Express', roles: ['logistics-provider'], providerId: 'lp-sf' },
  { username: 'logistics2', displayName: '京东物流 JD Logistics', roles: ['logistics-provider'], providerId: 'lp-jd' },
  { username: 'commerce', displayName: '神州数码 Digital China', roles: ['commerce-provider'], providerId: 'cp-dc' },
] as const;

export const DEMO_PASSWORD = 'demo123';

export const DEMO_PROVIDERS: ProviderProfile[] = [
  {
    providerId: 'lp-sf',
    kind: 'LOGISTICS',
    name: '顺丰速运 SF Express',
    fees: { deliveryFeePerUnit: money(3_500), inspectionFeePerUnit: money(2_000) },
    regions: ['Beijing', 'Shanghai', 'Guangzhou', 'Shenzhen', 'Wuhan'],
  },
  {
    providerId: 'lp-jd',
    kind: 'LOGISTICS',
    name: '京东物流 JD Logistics',
    fees: { deliveryFeePerUnit: money(3_000), inspectionFeePerUnit: money(2_500) },
    regions: ['Beijing', 'Shanghai', 'Chengdu', 'Xi’an'],
  },
  {
    providerId: 'cp-dc',
    kind: 'COMMERCE',
    name: '神州数码 Digital China',
    fees: { deliveryFeePerUnit: money(0), inspectionFeePerUnit: money(0) },
    regions: ['Guangzhou', 'Shenzhen'],
  },
];

type DemoAccount = KeyAccountProfile & { credit: { grade: CreditGrade; limit: ReturnType<typeof money>; paymentTermsDays: number } };

/** Key accounts across tiers and credit grades A/B/C. Limits in fen. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    accountId: 'acc-sgcc',
    name: '国网某省电力公司 State Grid (provincial)',
    industry: 'government',
    tier: 'STRATEGIC',
    region: 'Beijing',
    accountManager: 'manager',
    agents: [],
    serviceModel: 'DIRECT',
    credit: { grade: 'A', limit: money(500_000_000), paymentTermsDays: 60 },
  },
  {
    accountId: 'acc-icbc',
    name: '工商银行上海分行 ICBC Shanghai',
    industry: 'finance',
    tier: 'CORE',
    region: 'Shanghai',
    accountManager: 'manager',
    agents: [],
    serviceModel: 'DIRECT',
    credit: { grade: 'A', limit: money(200_000_000), paymentTermsDays: 45 },
  },
  {
    accountId: 'acc-gdtel',
    name: '中国电信广东公司 China Telecom Guangdong',
    industry: 'telecom',
    tier: 'IMPORTANT',
    region: 'Guangzhou',
    accountManager: 'manager',
    agents: [],
    serviceModel: 'COMMERCE_PROVIDER',
    commerceProviderId: 'cp-dc',
    credit: { grade: 'B', limit: money(80_000_000), paymentTermsDays: 30 },
  },
  {
    accountId: 'acc-szmfg',
    name: '深圳某制造集团 Shenzhen Manufacturing Group',
    industry: 'enterprise',
    tier: 'IMPORTANT',
    region: 'Shenzhen',
    accountManager: 'manager',
    agents: [],
    serviceModel: 'DIRECT',
    credit: { grade: 'B', limit: money(50_000_000), paymentTermsDays: 30 },
  },
  {
    accountId: 'acc-whu',
    name: '武汉某大学 Wuhan University (demo)',
    industry: 'education',
    tier: 'ORDINARY',
    region: 'Wuhan',
    accountManager: 'manager',
    agents: [],
    serviceModel: 'DIRECT',
    credit: { grade: 'C', limit: money(30_000_000), paymentTermsDays: 30 },
  },
];
