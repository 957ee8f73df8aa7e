import { useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { type AccountDashboard, api, type MonthRevenue, type StageAge } from '../api';
import { GroupedColumns, StackedBar, Swatch } from '../charts';
import { ProblemAlert } from '../command';
import { actorName, ageText, date, dateTime, money, StatusTag } from '../format';
import { useI18n } from '../i18n';
import { useAccounts } from './orders';

export function AccountPicker({ value }: { value?: string }) {
  const { t } = useI18n();
  const accounts = useAccounts();
  const navigate = useNavigate();
  return (
    <Select
      showSearch
      optionFilterProp="label"
      style={{ width: 300 }}
      placeholder={t('account.pick')}
      value={value}
      onChange={(id: string) => navigate(`/accounts/${id}`)}
      options={accounts.data?.items.map((a) => ({ value: a.accountId, label: a.name }))}
      data-testid="account-picker"
      id="account-picker"
    />
  );
}

const STAGE_ORDER = [
  'UNDER_REVIEW',
  'CREDIT_HOLD',
  'RELEASED',
  'IN_FULFILMENT',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
];
const STAGE_COLORS: Record<string, string> = {
  UNDER_REVIEW: '#1677ff',
  CREDIT_HOLD: '#faad14',
  RELEASED: '#13c2c2',
  IN_FULFILMENT: '#2f54eb',
  COMPLETED: '#52c41a',
  REJECTED: '#ff4d4f',
  CANCELLED: '#bfbfbf',
};

/** 客户经理: one key account: credit exposure against the limit, orders by stage, dates, lifetime value, activity. */
export function AccountDashboardPage() {
  const { id = '' } = useParams();
  const { t, lang, label } = useI18n();
  const dashboard = useQuery({
    queryKey: ['account-dashboard', id],
    queryFn: () => api.get<AccountDashboard>(`/accounts/${encodeURIComponent(id)}/dashboard`),
    refetchInterval: 10_000,
  });
  const d = dashboard.data;
  return (
    <div className="page" data-testid="account-dashboard">
      <div className="page-title">
        <h2>{d?.name ?? id}</h2>
        {d?.tier && <Tag color="purple">{label('tier', d.tier)}</Tag>}
        {d?.credit.grade && (
          <Tag color={d.credit.grade === 'A' ? 'green' : d.credit.grade === 'B' ? 'gold' : 'red'}>
            {t('detail.grade')} {d.credit.grade}
          </Tag>
        )}
        <Link to="/accounts">{t('ranking.title')}</Link>
        <div style={{ flex: 1 }} />
        <AccountPicker value={id} />
      </div>
      <ProblemAlert error={dashboard.error} />
      {!d && !dashboard.error && <Skeleton active />}
      {d && (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }}>
              <Descriptions.Item label={t('account.industry')}>{d.industry ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('account.region')}>{d.region ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('account.manager')}>{d.accountManager}</Descriptions.Item>
              <Descriptions.Item label={t('account.serviceModel')}>
                {d.serviceModel ? label('serviceModel', d.serviceModel) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.terms')}>
                {d.credit.paymentTermsDays ?? '—'} {t('place.days')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Row gutter={12}>
            <Col xs={24} xl={14}>
              <ExposureCard d={d} />
              <RevenueCard months={d.revenueByMonth} currency={d.invoiced.currency} />
            </Col>
            <Col xs={24} xl={10}>
              <Row gutter={12} className="stat-row">
                <Col span={8}>
                  <Card size="small" style={{ marginBottom: 12 }} data-testid="lifetime-value">
                    <Statistic
                      title={t('account.lifetimeValue')}
                      value={money(d.lifetimeValue, lang)}
                      valueStyle={{ color: '#389e0d' }}
                    />
                  </Card>
                </Col>
                <Col span={8}>
                  <Card size="small" style={{ marginBottom: 12 }}>
                    <Statistic title={t('account.invoiced')} value={money(d.invoiced, lang)} />
                  </Card>
                </Col>
                <Col span={8}>
                  <Card size="small" style={{ marginBottom: 12 }}>
                    <Statistic
                      title={t('detail.outstanding')}
                      value={money(d.outstanding, lang)}
                      valueStyle={{ color: d.outstanding.amount ? '#d46b08' : undefined }}
                    />
                  </Card>
                </Col>
              </Row>
              <StagesCard stages={d.ordersByStage} />
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('account.openOrders')} style={{ marginBottom: 12 }}>
                <Table
                  rowKey="orderId"
                  size="small"
                  pagination={false}
                  dataSource={d.openOrders}
                  data-testid="open-orders"
                  locale={{ emptyText: t('detail.none') }}
                  rowClassName={(r) => (r.slipping ? 'slipping' : '')}
                  columns={[
                    {
                      title: t('orders.id'),
                      dataIndex: 'orderId',
                      render: (v: string) => (
                        <Link className="mono" to={`/orders/${v}`}>
                          {v}
                        </Link>
                      ),
                    },
                    { title: t('orders.po'), dataIndex: 'customerPo' },
                    {
                      title: t('orders.status'),
                      dataIndex: 'status',
                      render: (s: string) => <StatusTag value={s} />,
                    },
                    {
                      title: t('account.inStage'),
                      dataIndex: 'statusSince',
                      render: (v: string) => ageText((Date.now() - new Date(v).getTime()) / 1000, lang),
                    },
                    {
                      title: `${t('detail.requested')} → ${t('detail.promised')}`,
                      key: 'dates',
                      render: (_, r) => (
                        <div className="num">
                          {r.lines.map((l) => (
                            <div key={l.lineId}>
                              {l.lineId}: {date(l.requestedDate)} →{' '}
                              {l.promisedDate ? (
                                <b style={{ color: l.slipping ? '#cf1322' : '#389e0d' }}>
                                  {date(l.promisedDate)}
                                </b>
                              ) : (
                                '—'
                              )}
                            </div>
                          ))}
                        </div>
                      ),
                    },
                    {
                      title: '',
                      dataIndex: 'slipping',
                      render: (v: boolean) =>
                        v ? (
                          <Tag color="red" data-testid="slipping">
                            {t('account.slipping')}
                          </Tag>
                        ) : null,
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('account.recentActivity')} style={{ marginBottom: 12 }}>
                {d.recentActivity.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.none')} />
                ) : (
                  <div
                    style={{ maxHeight: 420, overflowY: 'auto', paddingTop: 8 }}
                    data-testid="recent-activity"
                  >
                    <Timeline
                      items={d.recentActivity.map((e) => ({
                        key: e.position,
                        color: e.actor?.startsWith('user:') ? 'blue' : 'gray',
                        children: (
                          <div>
                            <Typography.Text strong>{label('event', e.type)}</Typography.Text>{' '}
                            <Tag bordered={false}>{actorName(e.actor)}</Tag>
                            <div className="timeline-data">
                              <span className="num">{dateTime(e.at)}</span>
                              {e.orderId && (
                                <>
                                  {' · '}
                                  <Link className="mono" to={`/orders/${e.orderId}`}>
                                    {e.orderId}
                                  </Link>
                                </>
                              )}
                            </div>
                          </div>
                        ),
                      }))}
                    />
                  </div>
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}

function ExposureCard({ d }: { d: AccountDashboard }) {
  const { t, lang } = useI18n();
  const c = d.credit;
  const util = c.utilisationBp !== null ? c.utilisationBp / 100 : null;
  return (
    <Card
      size="small"
      title={t('account.exposureVsLimit')}
      style={{ marginBottom: 12 }}
      data-testid="exposure-card"
    >
      <Row gutter={12} className="stat-row" style={{ marginBottom: 12 }}>
        <Col span={6}>
          <Statistic title={t('detail.limit')} value={money(c.limit, lang)} />
        </Col>
        <Col span={6}>
          <Statistic title={t('account.reserved')} value={money(c.reserved, lang)} />
        </Col>
        <Col span={6}>
          <Statistic title={t('account.receivable')} value={money(c.receivable, lang)} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('detail.utilisation')}
            value={util === null ? '—' : `${util.toFixed(1)} %`}
            valueStyle={{
              color:
                util !== null && util > 100 ? '#cf1322' : util !== null && util > 80 ? '#d46b08' : '#389e0d',
            }}
          />
        </Col>
      </Row>
      <StackedBar
        testId="exposure-bar"
        height={22}
        max={c.limit.amount}
        marker={c.limit.amount}
        markerLabel={`${t('detail.limit')} ${money(c.limit, lang)}`}
        segments={[
          {
            value: c.receivable.amount,
            color: '#fa8c16',
            label: `${t('account.receivable')} ${money(c.receivable, lang)}`,
          },
          {
            value: c.reserved.amount,
            color: '#1677ff',
            label: `${t('account.reserved')} ${money(c.reserved, lang)}`,
          },
        ]}
      />
      <div style={{ marginTop: 8 }}>
        <Swatch color="#fa8c16">{t('account.receivable')}</Swatch>
        <Swatch color="#1677ff">{t('account.reserved')}</Swatch>
        <Swatch color="#262626">{t('detail.limit')}</Swatch>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('detail.exposure')} = {t('account.reserved')} + {t('account.receivable')} ={' '}
          {money(c.exposure, lang)}
        </Typography.Text>
      </div>
    </Card>
  );
}

const INVOICED_COLOR = '#1677ff';
const COLLECTED_COLOR = '#52c41a';

/** Invoiced vs collected per month over the last 12 months. */
function RevenueCard({ months, currency }: { months: MonthRevenue[]; currency: string }) {
  const { t, lang } = useI18n();
  const sum = (get: (m: MonthRevenue) => number) => months.reduce((n, m) => n + get(m), 0);
  const invoiced = sum((m) => m.invoiced.amount);
  const collected = sum((m) => m.collected.amount);
  const fmt = (amount: number) => money({ amount, currency }, lang);
  return (
    <Card
      size="small"
      title={t('account.revenueTrend')}
      style={{ marginBottom: 12 }}
      data-testid="revenue-trend"
      extra={
        <span className="num" style={{ fontSize: 12 }} data-testid="revenue-totals">
          {t('account.revenueInvoiced')} {fmt(invoiced)} · {t('account.revenueCollected')} {fmt(collected)}
        </span>
      }
    >
      <GroupedColumns
        testId="revenue-chart"
        colors={[INVOICED_COLOR, COLLECTED_COLOR]}
        maxLabel={(max) => `${t('account.revenueMax')} ${fmt(max)}`}
        groups={months.map((m) => ({
          key: m.month,
          label: dayjs(`${m.month}-01`).format(lang === 'en' ? 'MMM YY' : 'YY年M月'),
          values: [m.invoiced.amount, m.collected.amount],
          title: (
            <div className="num">
              <div>{m.month}</div>
              <div>
                {t('account.revenueInvoiced')}: {money(m.invoiced, lang)}
              </div>
              <div>
                {t('account.revenueCollected')}: {money(m.collected, lang)}
              </div>
            </div>
          ),
        }))}
      />
      <div style={{ marginTop: 8 }}>
        <Swatch color={INVOICED_COLOR}>{t('account.revenueInvoiced')}</Swatch>
        <Swatch color={COLLECTED_COLOR}>{t('account.revenueCollected')}</Swatch>
        {invoiced === 0 && collected === 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('account.revenueNone')}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

function StagesCard({ stages }: { stages: StageAge[] }) {
  const { t, lang } = useI18n();
  const sorted = [...stages].sort((a, b) => STAGE_ORDER.indexOf(a.status) - STAGE_ORDER.indexOf(b.status));
  const max = Math.max(1, ...stages.map((s) => s.count));
  return (
    <Card
      size="small"
      title={t('account.ordersByStage')}
      style={{ marginBottom: 12 }}
      data-testid="orders-by-stage"
    >
      {sorted.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.none')} />}
      {sorted.map((s) => (
        <Row key={s.status} gutter={8} align="middle" style={{ marginBottom: 6 }} data-stage={s.status}>
          <Col span={6}>
            <StatusTag value={s.status} />
          </Col>
          <Col span={8}>
            <StackedBar
              max={max}
              height={12}
              segments={[{ value: s.count, color: STAGE_COLORS[s.status] ?? '#8c8c8c', label: s.count }]}
            />
          </Col>
          <Col span={2} className="num" style={{ textAlign: 'right' }}>
            {s.count}
          </Col>
          <Col span={8} style={{ fontSize: 12, color: '#666' }}>
            {t('account.oldest')} {ageText(s.oldestAgeSeconds, lang)} · {t('account.average')}{' '}
            {ageText(s.averageAgeSeconds, lang)}
          </Col>
        </Row>
      ))}
    </Card>
  );
}
