import { Button, Descriptions, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { type CreditReview, type OrderDetail, type OrderInvoice, type OrderLine } from '../api';
import { Role, useAuth } from '../auth';
import { nameOf, useCatalog } from '../catalog';
import { actorName, Amount, date, dateTime, StatusTag } from '../format';
import { useI18n } from '../i18n';
import { PaymentModal, useRefresh } from './order-actions';

/** The credit decision snapshot: grade, limit, exposure, utilisation, policy version. */
export function CreditSnapshotView({ review }: { review: CreditReview }) {
  const { t } = useI18n();
  const s = review.snapshot;
  if (!s) return <Typography.Text type="secondary">{t('detail.none')}</Typography.Text>;
  const pct = s.utilisationBp !== undefined ? s.utilisationBp / 100 : undefined;
  return (
    <Descriptions size="small" column={2} bordered data-testid="credit-snapshot">
      <Descriptions.Item label={t('detail.grade')}>
        <Tag color={s.grade === 'A' ? 'green' : s.grade === 'B' ? 'gold' : 'red'}>{s.grade}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.policyVersion')}>{s.policyVersion}</Descriptions.Item>
      <Descriptions.Item label={t('detail.limit')}>
        <Amount value={s.limit} />
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.exposure')}>
        <Amount value={s.exposure} />
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.orderAmount')}>
        <Amount value={s.orderAmount ?? review.amount} />
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.exposureAfter')}>
        <Amount value={s.exposureAfter} />
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.utilisation')}>
        {pct !== undefined ? (
          <Progress
            percent={Math.min(100, pct)}
            format={() => `${pct.toFixed(1)} %`}
            size="small"
            status={pct > 120 ? 'exception' : pct > 100 ? 'active' : 'normal'}
            style={{ width: 160, margin: 0 }}
          />
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.overdueDays')}>{s.oldestOverdueDays ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

export function ReviewsSection({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  const c = order.contractReview;
  const cr = order.creditReview;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Descriptions size="small" column={3} title={t('detail.contractReview')} data-testid="contract-review">
        <Descriptions.Item label={t('orders.status')}>
          <StatusTag kind="review" value={c.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.reviewer')}>{actorName(c.reviewer)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.decidedAt')}>{dateTime(c.reviewedAt)}</Descriptions.Item>
        {c.reason && <Descriptions.Item label={t('detail.reason')}>{c.reason}</Descriptions.Item>}
      </Descriptions>
      <Descriptions size="small" column={3} title={t('detail.creditReview')} data-testid="credit-review">
        <Descriptions.Item label={t('orders.status')}>
          <StatusTag kind="review" value={cr.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.decidedBy')}>{actorName(cr.decidedBy)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.decidedAt')}>{dateTime(cr.decidedAt)}</Descriptions.Item>
        {cr.reason && <Descriptions.Item label={t('detail.reason')}>{cr.reason}</Descriptions.Item>}
      </Descriptions>
      {cr.snapshot && <CreditSnapshotView review={cr} />}
    </Space>
  );
}

export function LinesTable({ order }: { order: OrderDetail }) {
  const { t, lang } = useI18n();
  const catalog = useCatalog();
  const option = (id: string) => catalog.data?.options.find((o) => o.id === id);
  const model = (id: string) => catalog.data?.models.find((m) => m.id === id);
  return (
    <Table<OrderLine>
      rowKey="lineId"
      size="small"
      pagination={false}
      dataSource={order.lines}
      data-testid="order-lines"
      columns={[
        { title: '#', dataIndex: 'lineId', width: 48 },
        {
          title: t('detail.model'),
          dataIndex: 'modelId',
          render: (id: string) => (
            <Tooltip title={id}>
              <span>{nameOf(model(id), lang, id)}</span>
            </Tooltip>
          ),
        },
        {
          title: t('detail.options'),
          dataIndex: 'optionIds',
          render: (ids: string[], l) => {
            const bad = new Set(
              l.configuration.status === 'INVALID'
                ? l.configuration.violations.flatMap((v) => v.optionIds ?? [])
                : [],
            );
            return (
              <span>
                {ids.map((id) => (
                  <Tooltip key={id} title={id}>
                    <Tag color={bad.has(id) ? 'red' : undefined} style={{ marginBottom: 2 }}>
                      {nameOf(option(id), lang, id)}
                    </Tag>
                  </Tooltip>
                ))}
              </span>
            );
          },
        },
        {
          title: t('detail.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          width: 60,
          render: (q: number, l) => <span data-testid={`quantity-${l.lineId}`}>{q}</span>,
        },
        {
          title: t('detail.configuration'),
          key: 'cfg',
          onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
          render: (_, l) => (
            <div>
              <StatusTag kind="review" value={l.configuration.status} />
              {l.configuration.status === 'INVALID' &&
                l.configuration.violations.map((v, i) => (
                  <div key={i} style={{ color: '#cf1322', fontSize: 12 }}>
                    {v.rule ?? v.code}: {v.message}
                  </div>
                ))}
            </div>
          ),
        },
        {
          title: t('detail.unitPrice'),
          key: 'unit',
          align: 'right',
          render: (_, l) =>
            l.configuration.status === 'VALID' ? <Amount value={l.configuration.unitPrice} /> : '—',
        },
        {
          title: t('detail.lineTotal'),
          key: 'total',
          align: 'right',
          render: (_, l) =>
            l.configuration.status === 'VALID' ? <Amount value={l.configuration.lineTotal} /> : '—',
        },
        {
          title: `${t('detail.requested')} / ${t('detail.promised')}`,
          key: 'dates',
          width: 120,
          render: (_, l) => (
            <div className="num">
              <div>{date(l.requestedDate)}</div>
              <div>
                {l.promisedDate ? (
                  <b style={{ color: l.promisedDate > l.requestedDate ? '#d46b08' : '#389e0d' }}>
                    {date(l.promisedDate)}
                  </b>
                ) : (
                  '—'
                )}
              </div>
            </div>
          ),
        },
        {
          title: t('detail.address'),
          dataIndex: 'deliveryAddress',
          ellipsis: true,
          width: 180,
          render: (a: OrderLine['deliveryAddress']) => `${a.city} ${a.address} · ${a.contact} ${a.phone}`,
        },
      ]}
    />
  );
}

export function ShipmentsTable({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={order.shipments}
      data-testid="order-shipments"
      locale={{ emptyText: t('detail.none') }}
      columns={[
        {
          title: t('detail.shipment'),
          dataIndex: 'id',
          render: (v: string) => <span className="mono">{v}</span>,
        },
        {
          title: t('orders.status'),
          dataIndex: 'status',
          render: (s: string, r) => (
            <Space size={4}>
              <StatusTag kind="shipment" value={s} />
              {r.acceptanceOverdue && <Tag color="red">{t('detail.receipts')} !</Tag>}
            </Space>
          ),
        },
        { title: t('detail.provider'), dataIndex: 'providerId' },
        { title: t('detail.plannedDate'), dataIndex: 'plannedDate' },
        { title: t('detail.deliveredAt'), dataIndex: 'deliveredAt', render: (v?: string) => dateTime(v) },
        {
          title: t('detail.lines'),
          dataIndex: 'lines',
          render: (ls: { lineId: string; quantity: number }[]) =>
            ls.map((l) => `${l.lineId}×${l.quantity}`).join(', '),
        },
      ]}
    />
  );
}

export function ReceiptsTable({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="receiptId"
      size="small"
      pagination={false}
      dataSource={order.acceptanceReceipts}
      locale={{ emptyText: t('detail.none') }}
      columns={[
        {
          title: t('detail.receipt'),
          dataIndex: 'receiptId',
          render: (v: string) => <span className="mono">{v}</span>,
        },
        {
          title: t('detail.shipment'),
          dataIndex: 'shipmentId',
          render: (v: string) => <span className="mono">{v}</span>,
        },
        { title: t('detail.signedAt'), dataIndex: 'signedAt', render: (v: string) => dateTime(v) },
        { title: t('detail.accepted'), dataIndex: 'acceptedUnits', align: 'right' },
        { title: t('detail.rejected'), dataIndex: 'rejectedUnits', align: 'right' },
      ]}
    />
  );
}

export function InvoicesTable({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [paying, setPaying] = useState<OrderInvoice | null>(null);
  const refresh = useRefresh();
  return (
    <>
      <Table<OrderInvoice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={order.invoices}
        data-testid="order-invoices"
        locale={{ emptyText: t('detail.none') }}
        columns={[
          {
            title: t('detail.invoice'),
            dataIndex: 'id',
            render: (v: string) => <span className="mono">{v}</span>,
          },
          {
            title: t('orders.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag kind="invoice" value={s} />,
          },
          {
            title: t('detail.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (_, r) => <Amount value={r.amount} />,
          },
          {
            title: t('detail.paid'),
            dataIndex: 'paid',
            align: 'right',
            render: (_, r) => <Amount value={r.paid} />,
          },
          {
            title: t('detail.outstanding'),
            dataIndex: 'outstanding',
            align: 'right',
            render: (_, r) => <Amount value={r.outstanding} />,
          },
          { title: t('detail.dueDate'), dataIndex: 'dueDate' },
          {
            title: '',
            key: 'pay',
            render: (_, r) =>
              can(Role.Finance, Role.CommerceProvider) && r.status !== 'PAID' && r.status !== 'ISSUING' ? (
                <Button size="small" onClick={() => setPaying(r)} data-testid={`pay-${r.id}`}>
                  {t('action.recordPayment')}
                </Button>
              ) : null,
          },
        ]}
      />
      {paying && (
        <PaymentModal invoice={paying} onClose={() => setPaying(null)} onDone={() => refresh(order.id)} />
      )}
    </>
  );
}
