import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, type RankedAccount, type RankingPage } from '../api';
import { StackedBar } from '../charts';
import { ProblemAlert } from '../command';
import { Amount, money } from '../format';
import { useI18n } from '../i18n';
import { AccountPicker } from './account-dashboard';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** 80/20: accounts by invoiced revenue, share and cumulative share; the A class makes up the first 80 %. */
export function RankingPage() {
  const { t, lang, label } = useI18n();
  const ranking = useQuery({
    queryKey: ['ranking'],
    queryFn: () => api.get<RankingPage>('/accounts/ranking?pageSize=200'),
    refetchInterval: 15_000,
  });
  const items = ranking.data?.items ?? [];
  const aCount = items.filter((i) => i.aClass).length;
  return (
    <div className="page" data-testid="ranking">
      <div className="page-title">
        <h2>{t('ranking.title')}</h2>
        <Typography.Text type="secondary">{t('ranking.basis')}</Typography.Text>
        <div style={{ flex: 1 }} />
        <AccountPicker />
      </div>
      <ProblemAlert error={ranking.error} />
      <Row gutter={12} style={{ marginBottom: 12 }} className="stat-row">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('ranking.totalRevenue')} value={money(ranking.data?.revenue, lang)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('ranking.accounts')} value={items.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('ranking.aClassCount')}
              value={aCount}
              suffix={items.length ? `/ ${items.length}` : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Table<RankedAccount>
          rowKey="accountId"
          size="small"
          loading={ranking.isLoading}
          dataSource={items}
          pagination={false}
          rowClassName={(r) => (r.aClass ? 'a-class' : '')}
          locale={{ emptyText: t('ranking.empty') }}
          columns={[
            { title: '#', dataIndex: 'rank', width: 48 },
            {
              title: t('orders.account'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <Space size={6}>
                  <Link to={`/accounts/${r.accountId}`}>{name}</Link>
                  {r.aClass && (
                    <Tag color="green" data-testid={`a-class-${r.accountId}`}>
                      {t('ranking.aClass')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('account.tier'),
              dataIndex: 'tier',
              render: (v: string | null) => (v ? label('tier', v) : '—'),
            },
            { title: t('account.manager'), dataIndex: 'accountManager' },
            { title: t('ranking.invoices'), dataIndex: 'invoices', align: 'right' },
            {
              title: t('ranking.revenue'),
              dataIndex: 'revenue',
              align: 'right',
              render: (_, r) => <Amount value={r.revenue} />,
            },
            {
              title: t('ranking.share'),
              dataIndex: 'share',
              width: 200,
              render: (v: number) => (
                <Space size={8} style={{ width: '100%' }}>
                  <div style={{ width: 110 }}>
                    <StackedBar
                      max={1}
                      height={10}
                      segments={[{ value: v, color: '#1677ff', label: pct(v) }]}
                    />
                  </div>
                  <span className="num">{pct(v)}</span>
                </Space>
              ),
            },
            {
              title: t('ranking.cumulative'),
              dataIndex: 'cumulativeShare',
              width: 220,
              render: (v: number, r) => (
                <Space size={8} style={{ width: '100%' }}>
                  <div style={{ width: 130 }}>
                    <StackedBar
                      max={1}
                      height={10}
                      marker={0.8}
                      markerLabel="80 %"
                      segments={[
                        { value: v - r.share, color: '#bfbfbf', label: pct(v - r.share) },
                        { value: r.share, color: r.aClass ? '#52c41a' : '#faad14', label: pct(r.share) },
                      ]}
                    />
                  </div>
                  <span className="num">{pct(v)}</span>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

/** Jump to an account's dashboard. */
