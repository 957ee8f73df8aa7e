/** Master data and randomness for the generated benchmark log. */
export interface FlowEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: string;
}

export const cny = (amount: number) => ({ amount, currency: 'CNY' });
export const PROVIDERS = ['lp-sf', 'lp-jd', 'lp-ems', 'lp-deppon'];
/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Master data: accounts (with their credit accounts) and providers. */
export function masterData(accounts: number, at: Date): FlowEvent[] {
  const t = at.toISOString();
  const out: FlowEvent[] = PROVIDERS.map((providerId) => ({
    streamId: `provider-${providerId}`,
    type: 'ProviderRegistered',
    occurredAt: t,
    actor: 'user:admin',
    data: { providerId, kind: 'LOGISTICS', name: `物流 ${providerId}`, fees: {}, regions: ['Beijing'] },
  }));
  for (let i = 0; i < accounts; i++) {
    const accountId = `acc-${i}`;
    const credit = { grade: 'A', limit: cny(5_000_000_000), paymentTermsDays: 30 };
    out.push(
      {
        streamId: `account-${accountId}`,
        type: 'KeyAccountRegistered',
        occurredAt: t,
        actor: 'user:admin',
        data: {
          accountId,
          name: `大客户 ${i} 有限公司`,
          industry: 'finance',
          tier: ['STRATEGIC', 'CORE', 'IMPORTANT', 'ORDINARY'][i % 4],
          region: 'Beijing',
          accountManager: `manager-${i % 20}`,
          agents: [],
          serviceModel: 'DIRECT',
          credit,
        },
      },
      {
        streamId: `creditAccount-${accountId}`,
        type: 'CreditAccountOpened',
        occurredAt: t,
        actor: 'system:credit',
        data: { accountId, ...credit },
      },
    );
  }
  return out;
}
