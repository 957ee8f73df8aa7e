import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, query, type ReceivablesPage } from '../api';
import { Role, useAuth } from '../auth';
import { StackedBar } from '../charts';
import { CsvButton } from '../charts';
import { ProblemAlert } from '../command';
import { Amount, date, money, StatusTag } from '../format';
import { useI18n } from '../i18n';

export const FINANCE_TABS = ['receivables', 'collections', 'credit-exposure', 'provider-statements'] as const;
import { Collections, Exposure, Statements, usePaged } from './finance-lists';
const BUCKETS = ['current', '0-30', '31-60', '61-90', '90+'];
const BUCKET_COLORS: Record<string, string> = {
  current: '#52c41a',
  '0-30': '#faad14',
  '31-60': '#fa8c16',
  '61-90': '#f5222d',
  '90+': '#a8071a',
};

/** 帐务管理: receivables with aging, collections, credit exposure, provider statements; each exportable as CSV. */
export function FinancePage() {
  const { tab = 'receivables' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const finance = can(Role.Finance);
  const tabs = (finance ? FINANCE_TABS : (['provider-statements'] as const)).map((k) => ({
    key: k,
    label: t(`finance.${k}`),
  }));
  const active = tabs.some((x) => x.key === tab) ? tab : tabs[0].key;
  return (
    <div className="page" data-testid="finance">
      <div className="page-title">
        <h2>{finance ? t('finance.title') : t('finance.provider-statements')}</h2>
      </div>
      <Tabs
        activeKey={active}
        items={tabs}
        onChange={(k) => navigate(`/finance/${k}`)}
        style={{ marginBottom: 0 }}
      />
      {active === 'receivables' && <Receivables />}
      {active === 'collections' && <Collections />}
      {active === 'credit-exposure' && <Exposure />}
      {active === 'provider-statements' && <Statements />}
    </div>
  );
}

function Receivables() {
  const { t, lang } = useI18n();
  const [bucket, setBucket] = useState<string | undefined>();
  const { paging, pagination } = usePaged();
  const filter = { bucket, ...paging };
  const data = useQuery({
    queryKey: ['finance', 'receivables', filter],
    queryFn: () => api.get<ReceivablesPage>(`/finance/receivables${query(filter)}`),
    placeholderData: (prev) => prev,
    refetchInterval: 15_000,
  });
  const totals = data.data?.totals ?? [];
  const max = Math.max(1, ...totals.map((x) => x.outstanding.amount));
  return (
    <>
      <ProblemAlert error={data.error} />
      <Row gutter={12} style={{ marginBottom: 12 }} data-testid="aging-buckets">
        <Col xs={24} md={4}>
          <Card size="small" className="stat-row">
            <Statistic title={t('finance.totalOutstanding')} value={money(data.data?.outstanding, lang)} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('finance.asOf')} {data.data?.asOf ?? '—'}
            </Typography.Text>
          </Card>
        </Col>
        {BUCKETS.map((b) => {
          const x = totals.find((y) => y.bucket === b);
          return (
            <Col key={b} xs={12} md={4}>
              <Card
                size="small"
                hoverable
                onClick={() => setBucket(bucket === b ? undefined : b)}
                style={{ borderColor: bucket === b ? '#1677ff' : undefined }}
                data-bucket={b}
              >
                <Typography.Text type="secondary">
                  {t(`finance.bucket.${b}` as 'finance.bucket.current')}
                </Typography.Text>
                <div className="num" style={{ fontSize: 16, fontWeight: 600 }}>
                  {money(x?.outstanding ?? { amount: 0, currency: 'CNY' }, lang)}
                </div>
                <StackedBar
                  max={max}
                  height={8}
                  segments={[{ value: x?.outstanding.amount ?? 0, color: BUCKET_COLORS[b], label: b }]}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {x?.count ?? 0} {t('finance.invoicesCount')}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card
        size="small"
        title={t('finance.receivables')}
        extra={
          <Space>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('finance.allBuckets')}
              value={bucket}
              onChange={setBucket}
              options={BUCKETS.map((b) => ({
                value: b,
                label: t(`finance.bucket.${b}` as 'finance.bucket.current'),
              }))}
            />
            <CsvButton path={`/finance/receivables${query({ bucket })}`} name="receivables" />
          </Space>
        }
      >
        <Table
          rowKey="invoiceId"
          size="small"
          loading={data.isLoading}
          dataSource={data.data?.items}
          pagination={pagination(data.data?.total)}
          locale={{ emptyText: t('detail.none') }}
          columns={[
            {
              title: t('detail.invoice'),
              dataIndex: 'invoiceId',
              render: (v: string) => (
                <Link className="mono" to={`/invoices/${v}`}>
                  {v}
                </Link>
              ),
            },
            {
              title: t('orders.id'),
              dataIndex: 'orderId',
              render: (v: string) => (
                <Link className="mono" to={`/orders/${v}`}>
                  {v}
                </Link>
              ),
            },
            {
              title: t('orders.account'),
              dataIndex: 'accountName',
              render: (v: string | null, r) => v ?? r.accountId,
            },
            {
              title: t('orders.status'),
              dataIndex: 'status',
              render: (s: string) => <StatusTag kind="invoice" value={s} />,
            },
            { title: t('finance.issuedAt'), dataIndex: 'issuedAt', render: (v: string) => date(v) },
            { title: t('detail.dueDate'), dataIndex: 'dueDate' },
            { title: t('finance.daysOverdue'), dataIndex: 'daysOverdue', align: 'right' },
            {
              title: t('finance.bucket'),
              dataIndex: 'bucket',
              render: (b: string) => (
                <Tag color={BUCKET_COLORS[b]}>{t(`finance.bucket.${b}` as 'finance.bucket.current')}</Tag>
              ),
            },
            {
              title: t('detail.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (_, r) => <Amount value={r.amount} />,
            },
            {
              title: t('detail.outstanding'),
              dataIndex: 'outstanding',
              align: 'right',
              render: (_, r) => <Amount value={r.outstanding} />,
            },
            { title: t('finance.dunning'), dataIndex: 'dunningLevel', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
