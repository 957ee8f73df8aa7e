import { useQuery } from '@tanstack/react-query';
import { Popover, Tag, Timeline, Typography } from 'antd';
import { api, type HistoryItem } from '../api';
import { actorName, dateTime, money } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../command';

/** The few data fields worth a glance in the timeline; the rest is one hover away. */
function summary(item: HistoryItem, lang: string, label: (k: string, v: string) => string): string {
  const d = item.data;
  const parts: string[] = [];
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  if (str('lineId')) parts.push(str('lineId')!);
  if (str('shipmentId') && !item.streamId.startsWith('order-')) parts.push(str('shipmentId')!);
  if (str('decision')) parts.push(str('decision')!);
  if (str('status')) parts.push(label('shipment', str('status')!));
  if (str('promisedDate')) parts.push(str('promisedDate')!);
  const amount = d.amount ?? d.total;
  if (amount && typeof amount === 'object' && 'amount' in amount)
    parts.push(money(amount as { amount: number; currency: string }, lang));
  if (str('reason')) parts.push(str('reason')!);
  if (str('note')) parts.push(str('note')!);
  if (Array.isArray(d.violations))
    parts.push((d.violations as { message?: string }[]).map((v) => v.message).join('; '));
  return parts.join(' · ');
}

/** 事件时间线: who did what, when, from GET /orders/{id}/history. */
export function OrderTimeline({
  orderId,
  revision,
  live,
}: {
  orderId: string;
  revision: number;
  live: boolean;
}) {
  const { lang, label } = useI18n();
  const history = useQuery({
    queryKey: ['order-history', orderId, revision],
    queryFn: () => api.get<{ items: HistoryItem[] }>(`/orders/${orderId}/history`),
    placeholderData: (prev) => prev,
    refetchInterval: live ? 2000 : false,
  });
  if (history.error) return <ProblemAlert error={history.error} />;
  const items = [...(history.data?.items ?? [])].reverse();
  return (
    <div data-testid="timeline" style={{ maxHeight: 1400, overflowY: 'auto', paddingTop: 8 }}>
      <Timeline
        items={items.map((e) => ({
          key: e.position,
          color:
            e.type.includes('Reject') || e.type.includes('Fail') || e.type.includes('Held')
              ? 'red'
              : e.actor?.startsWith('user:')
                ? 'blue'
                : 'gray',
          children: (
            <div data-event-type={e.type}>
              <Popover
                title={e.type}
                content={
                  <pre style={{ maxWidth: 480, maxHeight: 300, overflow: 'auto', fontSize: 11 }}>
                    {JSON.stringify(e.data, null, 2)}
                  </pre>
                }
              >
                <Typography.Text strong>
                  {label('event', e.type)}
                  {e.streamId.startsWith('creditAccount-')
                    ? lang === 'en'
                      ? ' (credit account)'
                      : '（信用账户）'
                    : ''}
                </Typography.Text>
              </Popover>{' '}
              <Tag bordered={false} color={e.actor?.startsWith('user:') ? 'blue' : 'default'}>
                {actorName(e.actor)}
              </Tag>
              <div className="timeline-data">
                <span className="num">{dateTime(e.occurredAt)}</span>
                {summary(e, lang, label) && <> · {summary(e, lang, label)}</>}
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}
