import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Account, api, ORDER_STATUSES, type OrderSummary, type Page, query } from '../api';
import { Role, useAuth } from '../auth';
import { Amount, dateTime, StatusTag } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../command';

export function useAccounts() {
  return useQuery({
    queryKey: ['accounts'],
    queryFn: () => api.get<Page<Account>>('/accounts?pageSize=200'),
    staleTime: 60_000,
  });
}

/** 订单查询: filters live in the URL so a search can be shared and survives reload. */
export function OrdersPage() {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = {
    status: params.get('status') ?? undefined,
    accountId: params.get('accountId') ?? undefined,
    customerPo: params.get('customerPo') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
    sort: params.get('sort') ?? '-placedAt',
  };
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const orders = useQuery({
    queryKey: ['orders', filter],
    queryFn: () => api.get<Page<OrderSummary>>(`/orders${query(filter)}`),
    placeholderData: (prev) => prev,
    refetchInterval: 10_000,
  });
  const accounts = useAccounts();

  return (
    <div className="page">
      <div className="page-title">
        <h2>{t('orders.title')}</h2>
        {can(Role.OrderDesk) && (
          <Button type="primary" onClick={() => navigate('/orders/new')} data-testid="new-order">
            {t('orders.new')}
          </Button>
        )}
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('orders.allStatuses')}
          value={filter.status}
          onChange={(v?: string) => set({ status: v })}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: label('status', s) }))}
          data-testid="filter-status"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 260 }}
          placeholder={t('orders.allAccounts')}
          value={filter.accountId}
          onChange={(v?: string) => set({ accountId: v })}
          options={accounts.data?.items.map((a) => ({ value: a.accountId, label: a.name }))}
        />
        <Input.Search
          allowClear
          style={{ width: 180 }}
          placeholder={t('orders.po')}
          defaultValue={filter.customerPo}
          onSearch={(v) => set({ customerPo: v })}
        />
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('orders.q')}
          defaultValue={filter.q}
          onSearch={(v) => set({ q: v })}
          data-testid="filter-q"
        />
        <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
          {t('orders.reset')}
        </Button>
      </Space>
      <ProblemAlert error={orders.error} />
      <Table<OrderSummary>
        rowKey="id"
        size="small"
        loading={orders.isFetching && !orders.data}
        dataSource={orders.data?.items}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/orders/${r.id}`) })}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          set({
            sort: s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.field)}` : undefined,
            page: filter.page,
          });
        }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: orders.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `${n}`,
          onChange: (page, pageSize) => set({ page, pageSize }),
        }}
        columns={[
          {
            title: t('orders.id'),
            dataIndex: 'id',
            render: (id: string) => (
              <Link to={`/orders/${id}`} className="mono">
                {id}
              </Link>
            ),
          },
          { title: t('orders.account'), dataIndex: ['account', 'name'], ellipsis: true },
          { title: t('orders.po'), dataIndex: 'customerPo' },
          {
            title: t('orders.status'),
            dataIndex: 'status',
            sorter: true,
            render: (s: string) => <StatusTag value={s} />,
          },
          { title: t('detail.channel'), dataIndex: 'channel', render: (c: string) => label('channel', c) },
          { title: t('orders.lines'), dataIndex: 'lines', align: 'right' },
          {
            title: t('orders.total'),
            dataIndex: 'total',
            align: 'right',
            sorter: true,
            render: (_: unknown, r) => <Amount value={r.total} />,
          },
          {
            title: t('orders.placedAt'),
            dataIndex: 'placedAt',
            sorter: true,
            defaultSortOrder: 'descend',
            render: (v: string) => <span className="num">{dateTime(v)}</span>,
          },
        ]}
      />
    </div>
  );
}
