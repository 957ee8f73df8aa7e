import { Tag } from 'antd';
import dayjs from 'dayjs';
import { type Money } from './api';
import { useI18n } from './i18n';

export function money(value: Money | null | undefined, lang: string): string {
  if (!value) return '—';
  return new Intl.NumberFormat(lang, { style: 'currency', currency: value.currency }).format(
    value.amount / 100,
  );
}

export function Amount({ value }: { value: Money | null | undefined }) {
  const { lang } = useI18n();
  return <span className="num">{money(value, lang)}</span>;
}

export function dateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function date(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '—';
}

/** `user:desk` → `desk`; `system:fulfilment` stays readable as `system:fulfilment`. */
export function actorName(actor: string | null | undefined): string {
  if (!actor) return '—';
  return actor.startsWith('user:') ? actor.slice(5) : actor;
}

export function ageText(seconds: number | null | undefined, lang: string): string {
  if (seconds === null || seconds === undefined) return '—';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (lang === 'en') return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m}m`;
  return d ? `${d}天${h}小时` : h ? `${h}小时${m}分` : `${m}分钟`;
}

const STATUS_COLORS: Record<string, string> = {
  UNDER_REVIEW: 'processing',
  CREDIT_HOLD: 'warning',
  REJECTED: 'error',
  RELEASED: 'cyan',
  IN_FULFILMENT: 'blue',
  COMPLETED: 'success',
  CANCELLED: 'default',
  PENDING: 'processing',
  APPROVED: 'success',
  HELD: 'warning',
  AWAITING_SECOND_SIGNATURE: 'orange',
  VALID: 'success',
  INVALID: 'error',
  PLANNED: 'default',
  READY_TO_SHIP: 'processing',
  PICKED_UP: 'processing',
  DISPATCHED: 'blue',
  IN_TRANSIT: 'blue',
  DELIVERED: 'cyan',
  FAILED: 'error',
  ACCEPTED: 'success',
  OPEN: 'processing',
  OVERDUE: 'error',
  PAID: 'success',
  ISSUING: 'default',
};

/** A coloured tag with the translated label of an enum value. */
export function StatusTag({ kind = 'status', value }: { kind?: string; value: string | undefined }) {
  const { label } = useI18n();
  if (!value) return null;
  return (
    <Tag color={STATUS_COLORS[value] ?? 'default'} data-status={value} style={{ marginInlineEnd: 0 }}>
      {label(kind, value)}
    </Tag>
  );
}
