import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Rate, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Collection, type CreditExposure, type Page, type ProviderStatement, query } from '../api';
import { CsvButton } from '../charts';
import { ProblemAlert } from '../command';
import { Amount, dateTime } from '../format';
import { useI18n } from '../i18n';

export const FINANCE_TABS = ['receivables', 'collections', 'credit-exposure', 'provider-statements'] as const;

export function usePaged() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const pagination = (total?: number) => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n: number) => `${n}`,
    onChange: (page: number, pageSize: number) => setPaging({ page, pageSize }),
  });
  return { paging, pagination };
}

export function Collections() {
  const { t } = useI18n();
  const { paging, pagination } = usePaged();
  const data = useQuery({
    queryKey: ['finance', 'collections', paging],
    queryFn: () => api.get<Page<Collection>>(`/finance/collections${query(paging)}`),
    placeholderData: (prev) => prev,
    refetchInterval: 15_000,
  });
  return (
    <Card
      size="small"
      title={t('finance.collections')}
      extra={<CsvButton path="/finance/collections" name="collections" />}
    >
      <ProblemAlert error={data.error} />
      <Table<Collection>
        rowKey="paymentId"
        size="small"
        loading={data.isLoading}
        dataSource={data.data?.items}
        pagination={pagination(data.data?.total)}
        locale={{ emptyText: t('detail.none') }}
        columns={[
          {
            title: t('form.receivedAt'),
            dataIndex: 'receivedAt',
            render: (v: string) => <span className="num">{dateTime(v)}</span>,
          },
          {
            title: t('detail.invoice'),
            dataIndex: 'invoiceId',
            render: (v: string) => <span className="mono">{v}</span>,
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
            title: t('detail.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (_, r) => <Amount value={r.amount} />,
          },
          { title: t('form.reference'), dataIndex: 'reference' },
        ]}
      />
    </Card>
  );
}

export function Exposure() {
  const { t } = useI18n();
  const { paging, pagination } = usePaged();
  const data = useQuery({
    queryKey: ['finance', 'credit-exposure', paging],
    queryFn: () => api.get<Page<CreditExposure>>(`/finance/credit-exposure${query(paging)}`),
    placeholderData: (prev) => prev,
    refetchInterval: 15_000,
  });
  return (
    <Card
      size="small"
      title={t('finance.credit-exposure')}
      extra={<CsvButton path="/finance/credit-exposure" name="credit-exposure" />}
    >
      <ProblemAlert error={data.error} />
      <Table<CreditExposure>
        rowKey="accountId"
        size="small"
        loading={data.isLoading}
        dataSource={data.data?.items}
        pagination={pagination(data.data?.total)}
        columns={[
          {
            title: t('orders.account'),
            dataIndex: 'accountName',
            render: (v: string | null, r) => <Link to={`/accounts/${r.accountId}`}>{v ?? r.accountId}</Link>,
          },
          {
            title: t('detail.grade'),
            dataIndex: 'grade',
            render: (g: string | null) =>
              g && <Tag color={g === 'A' ? 'green' : g === 'B' ? 'gold' : 'red'}>{g}</Tag>,
          },
          {
            title: t('detail.limit'),
            dataIndex: 'limit',
            align: 'right',
            render: (_, r) => <Amount value={r.limit} />,
          },
          {
            title: t('account.reserved'),
            dataIndex: 'reserved',
            align: 'right',
            render: (_, r) => <Amount value={r.reserved} />,
          },
          {
            title: t('account.receivable'),
            dataIndex: 'receivable',
            align: 'right',
            render: (_, r) => <Amount value={r.receivable} />,
          },
          {
            title: t('detail.exposure'),
            dataIndex: 'exposure',
            align: 'right',
            render: (_, r) => (
              <b>
                <Amount value={r.exposure} />
              </b>
            ),
          },
          {
            title: t('detail.utilisation'),
            dataIndex: 'utilisationBp',
            width: 200,
            render: (bp: number | null) =>
              bp === null ? (
                '—'
              ) : (
                <Progress
                  percent={Math.min(100, bp / 100)}
                  format={() => `${(bp / 100).toFixed(1)} %`}
                  size="small"
                  status={bp > 12000 ? 'exception' : 'normal'}
                  strokeColor={bp > 10000 ? '#cf1322' : bp > 8000 ? '#fa8c16' : undefined}
                  style={{ margin: 0 }}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}

export function Statements() {
  const { t } = useI18n();
  const { paging, pagination } = usePaged();
  const data = useQuery({
    queryKey: ['finance', 'provider-statements', paging],
    queryFn: () => api.get<Page<ProviderStatement>>(`/finance/provider-statements${query(paging)}`),
    placeholderData: (prev) => prev,
    refetchInterval: 15_000,
  });
  return (
    <Card
      size="small"
      title={t('finance.provider-statements')}
      extra={<CsvButton path="/finance/provider-statements" name="provider-statements" />}
    >
      <ProblemAlert error={data.error} />
      <Table<ProviderStatement>
        rowKey={(r) => `${r.providerId}-${r.month}`}
        size="small"
        loading={data.isLoading}
        dataSource={data.data?.items}
        pagination={pagination(data.data?.total)}
        locale={{ emptyText: t('detail.none') }}
        columns={[
          {
            title: t('detail.provider'),
            dataIndex: 'providerId',
            render: (v: string, r) => `${v}${r.providerName ? ` ${r.providerName}` : ''}`,
          },
          { title: t('finance.month'), dataIndex: 'month' },
          { title: t('finance.jobs'), dataIndex: 'jobs', align: 'right' },
          { title: t('finance.units'), dataIndex: 'units', align: 'right' },
          {
            title: t('form.satisfaction'),
            dataIndex: 'averageSatisfaction',
            render: (v: number) => (
              <Space size={4}>
                <Rate disabled allowHalf value={Math.round(v * 2) / 2} style={{ fontSize: 12 }} />
                <span className="num">{v.toFixed(2)}</span>
              </Space>
            ),
          },
          {
            title: t('finance.fee'),
            dataIndex: 'fee',
            align: 'right',
            render: (_, r) => (
              <b>
                <Amount value={r.fee} />
              </b>
            ),
          },
        ]}
      />
    </Card>
  );
}
