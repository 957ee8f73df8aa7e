import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { type Dayjs } from 'dayjs';
import { api, type Catalog, type DeliveryAddress, type Validation } from '../api';
import { nameOf } from '../catalog';
import { ProblemAlert } from '../command';
import { Amount, money } from '../format';
import { useI18n } from '../i18n';

export interface LineValues {
  modelId?: string;
  options?: Record<string, string | string[] | undefined>;
  quantity?: number;
  requestedDate?: Dayjs;
  deliveryAddress?: Partial<DeliveryAddress>;
}

export interface PlaceValues {
  accountId: string;
  channel: 'DIRECT' | 'AGENT' | 'COMMERCE_PROVIDER';
  signedBy: string;
  customerPo: string;
  lines: LineValues[];
}

export const CHANNELS = ['DIRECT', 'AGENT', 'COMMERCE_PROVIDER'] as const;

export function optionIdsOf(line: LineValues | undefined): string[] {
  return Object.values(line?.options ?? {})
    .flatMap((v) => (Array.isArray(v) ? v : v ? [v] : []))
    .filter(Boolean);
}

/** The first option of each mandatory class, so a model starts from a sensible configuration. */
export function defaultOptions(catalog: Catalog, modelId: string): Record<string, string | string[]> {
  const model = catalog.models.find((m) => m.id === modelId);
  const out: Record<string, string | string[]> = {};
  for (const c of model?.classes ?? []) {
    if (c.min >= 1 && c.optionIds[0]) out[c.classId] = c.max === 1 ? c.optionIds[0] : [c.optionIds[0]];
  }
  return out;
}

/** 下单 with the CTO configurator: options per class, validated and priced live as they are picked. */
/** The delivery address fields of a line, in form order. */
const ADDRESS_FIELDS = [
  { field: 'region', label: 'place.region', maxLength: 100, xs: 12, md: 3 },
  { field: 'city', label: 'place.city', maxLength: 100, xs: 12, md: 3 },
  { field: 'address', label: 'place.address', maxLength: 300, xs: 24, md: 4 },
  { field: 'contact', label: 'place.contact', maxLength: 100, xs: 12, md: 3 },
  { field: 'phone', label: 'place.phone', maxLength: 40, xs: 12, md: 3 },
] as const;

interface LineCardProps {
  index: number;
  form: FormInstance<PlaceValues>;
  catalog: Catalog | undefined;
  accountId: string | undefined;
  channel: string;
  fallbackRegion: string | undefined;
  onRemove?(): void;
}

export function LineCard({
  index,
  form,
  catalog,
  accountId,
  channel,
  fallbackRegion,
  onRemove,
}: LineCardProps) {
  const { t, lang } = useI18n();
  const line = Form.useWatch(['lines', index], form) as LineValues | undefined;
  const modelId = line?.modelId;
  const model = catalog?.models.find((m) => m.id === modelId);
  const optionIds = optionIdsOf(line);
  const region = line?.deliveryAddress?.region || fallbackRegion || '';
  const quantity = line?.quantity ?? undefined;
  const validation = useQuery({
    queryKey: ['validate', modelId, [...optionIds].sort().join(','), channel, region, accountId, quantity],
    queryFn: () =>
      api.command<Validation>('/configurations/validate', {
        modelId,
        optionIds,
        channel,
        region: region || 'Beijing',
        ...(accountId ? { accountId } : {}),
        ...(quantity ? { quantity } : {}),
      }),
    enabled: !!modelId,
    placeholderData: (prev) => prev,
    staleTime: 60_000,
  });
  const option = (id: string) => catalog?.options.find((o) => o.id === id);
  const className = (id: string) =>
    nameOf(
      catalog?.optionClasses.find((c) => c.id === id),
      lang,
      id,
    );

  return (
    <Card
      size="small"
      title={`${t('place.line')} ${index + 1}`}
      style={{ marginBottom: 12 }}
      extra={
        onRemove && (
          <Button size="small" type="link" danger onClick={onRemove}>
            {t('place.removeLine')}
          </Button>
        )
      }
      data-testid={`line-${index}`}
    >
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Row gutter={12}>
            <Col span={24}>
              <Form.Item
                name={[index, 'modelId']}
                label={t('place.model')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  onChange={(id: string) =>
                    catalog && form.setFieldValue(['lines', index, 'options'], defaultOptions(catalog, id))
                  }
                  options={catalog?.models.map((m) => ({
                    value: m.id,
                    label: `${nameOf(m, lang)} (${m.id}) ${money(m.basePrice, lang)}`,
                  }))}
                />
              </Form.Item>
            </Col>
            {model?.classes.map((c) => (
              <Col xs={24} md={12} key={c.classId}>
                <Form.Item
                  name={[index, 'options', c.classId]}
                  label={`${className(c.classId)} ${c.min === c.max ? `(${c.min})` : `(${c.min}–${c.max})`}`}
                  rules={c.min > 0 ? [{ required: true, message: t('form.required') }] : []}
                >
                  <Select
                    showSearch
                    allowClear={c.min === 0 || c.max > 1}
                    optionFilterProp="label"
                    mode={c.max > 1 ? 'multiple' : undefined}
                    maxCount={c.max > 1 ? c.max : undefined}
                    options={c.optionIds.map((id) => {
                      const o = option(id);
                      const extra = o
                        ? ` +${money(o.price, lang)}${o.leadTimeDays ? ` · ${o.leadTimeDays}${t('place.days')}` : ''}`
                        : '';
                      return { value: id, label: `${nameOf(o, lang, id)} (${id})${extra}` };
                    })}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} lg={9}>
          <ValidationPanel
            validation={validation.data}
            error={validation.error}
            fetching={validation.isFetching}
            picked={!!modelId}
          />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={4}>
          <Form.Item
            name={[index, 'quantity']}
            label={t('place.quantity')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name={[index, 'requestedDate']}
            label={t('place.requestedDate')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {ADDRESS_FIELDS.map(({ field, label, maxLength, xs, md }) => (
          <Col key={field} xs={xs} md={md}>
            <Form.Item
              name={[index, 'deliveryAddress', field]}
              label={t(label)}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Input maxLength={maxLength} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function ValidationPanel({
  validation,
  error,
  fetching,
  picked,
}: {
  validation?: Validation;
  error: unknown;
  fetching: boolean;
  picked: boolean;
}) {
  const { t } = useI18n();
  if (!picked) return <Alert type="info" message={t('place.pickModel')} />;
  if (error) return <ProblemAlert error={error} />;
  if (!validation) return <Alert type="info" message={t('place.checking')} />;
  return (
    <div data-testid="validation" data-valid={String(validation.valid)}>
      {validation.valid ? (
        <Alert type="success" showIcon message={t('place.valid')} style={{ marginBottom: 8 }} />
      ) : (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('place.invalid')}
          data-testid="violations"
          description={validation.violations.map((v, i) => (
            <div key={i} style={{ marginBottom: 4 }}>
              <Tag color="red">{v.rule ?? v.code}</Tag>
              {v.optionIds?.map((o) => (
                <Tag key={o}>{o}</Tag>
              ))}
              <div>{v.message}</div>
            </div>
          ))}
        />
      )}
      <Descriptions size="small" column={1} bordered style={{ opacity: fetching ? 0.6 : 1 }}>
        <Descriptions.Item label={t('place.unitPrice')}>
          <b data-testid="unit-price">
            <Amount value={validation.unitPrice} />
          </b>
        </Descriptions.Item>
        <Descriptions.Item label={t('place.listPrice')}>
          <Amount value={validation.listUnitPrice} />
          {validation.discountBp ? (
            <Typography.Text type="secondary">
              {' '}
              · {t('place.discount')} {validation.discountBp / 100}%
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('place.leadTime')}>
          <span data-testid="lead-time">{validation.leadTimeDays ?? '—'}</span> {t('place.days')}
        </Descriptions.Item>
        {validation.total !== undefined && (
          <Descriptions.Item label={t('place.lineTotal')}>
            <Amount value={validation.total} />
          </Descriptions.Item>
        )}
      </Descriptions>
    </div>
  );
}
