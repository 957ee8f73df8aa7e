import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Page, type WorkQueueCount, type WorkQueueItem } from '../api';
import { ProblemAlert } from '../command';
import { ageText, dateTime, money } from '../format';

const isMoney = (v: unknown): v is { amount: number; currency: string } =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { amount?: unknown }).amount === 'number' &&
  typeof (v as { currency?: unknown }).currency === 'string';
import { useI18n } from '../i18n';

/** What the desk has to chase: counts per queue, and the items of the chosen queue oldest first. */
export function WorkQueuesPage() {
  const { t, lang, label } = useI18n();
  const { queue } = useParams();
  const navigate = useNavigate();
  const counts = useQuery({
    queryKey: ['work-queues'],
    queryFn: () => api.get<{ queues: WorkQueueCount[] }>('/work-queues'),
    refetchInterval: 5000,
  });
  const items = useQuery({
    queryKey: ['work-queues', queue],
    queryFn: () => api.get<Page<WorkQueueItem>>(`/work-queues/${queue}?pageSize=200`),
    enabled: !!queue,
    refetchInterval: 5000,
  });
  return (
    <div className="page">
      <div className="page-title">
        <h2>{t('queues.title')}</h2>
      </div>
      <ProblemAlert error={counts.error} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {counts.data?.queues.map((q) => (
          <Col key={q.queue} xs={12} md={8} xl={4}>
            <Card
              size="small"
              hoverable
              onClick={() => navigate(`/work-queues/${q.queue}`)}
              style={{ borderColor: q.queue === queue ? '#1677ff' : undefined }}
              data-testid={`queue-${q.queue}`}
            >
              <Statistic
                title={label('queue', q.queue)}
                value={q.count}
                valueStyle={{ color: q.count ? '#d4380d' : undefined }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {q.oldestAgeSeconds !== null
                  ? `${t('queues.age')} ${ageText(q.oldestAgeSeconds, lang)}`
                  : '—'}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {queue && (
        <Card size="small" title={label('queue', queue)}>
          <ProblemAlert error={items.error} />
          <Table<WorkQueueItem>
            rowKey={(r) => `${r.orderId}-${r.shipmentId ?? ''}`}
            size="small"
            loading={items.isLoading}
            dataSource={items.data?.items}
            locale={{ emptyText: t('queues.empty') }}
            pagination={false}
            columns={[
              {
                title: t('orders.id'),
                dataIndex: 'orderId',
                render: (id: string) => (
                  <Link className="mono" to={`/orders/${id}`}>
                    {id}
                  </Link>
                ),
              },
              {
                title: t('detail.shipment'),
                dataIndex: 'shipmentId',
                render: (v?: string) => <span className="mono">{v ?? ''}</span>,
              },
              { title: t('orders.account'), dataIndex: 'accountId' },
              { title: t('queues.since'), dataIndex: 'since', render: (v: string) => dateTime(v) },
              { title: t('queues.age'), dataIndex: 'ageSeconds', render: (v: number) => ageText(v, lang) },
              {
                title: t('queues.details'),
                dataIndex: 'details',
                ellipsis: true,
                render: (d: Record<string, unknown>) => (
                  <span className="timeline-data">
                    {Object.entries(d ?? {})
                      .map(
                        ([k, v]) =>
                          `${k}: ${isMoney(v) ? money(v, lang) : typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
                      )
                      .join(' · ')}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
