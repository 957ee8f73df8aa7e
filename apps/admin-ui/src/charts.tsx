import { Button, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import { downloadCsv } from './api';
import { useI18n } from './i18n';
import { App } from 'antd';

export interface BarSegment {
  value: number;
  color: string;
  label: ReactNode;
}

/**
 * A horizontal stacked bar (plain CSS) of `segments` against `max`; `marker` draws a vertical line
 * (e.g. the credit limit or the 80 % line) at that value. Values past `max` widen the scale. Segments of
 * zero or less draw nothing (and take nothing from the others' room).
 */
export function StackedBar({
  segments,
  max,
  marker,
  markerLabel,
  height = 18,
  testId,
}: {
  segments: BarSegment[];
  max: number;
  marker?: number;
  markerLabel?: ReactNode;
  height?: number;
  testId?: string;
}) {
  const total = segments.reduce((n, s) => n + Math.max(0, s.value), 0);
  const scale = Math.max(max, total, marker ?? 0, 1);
  return (
    <div className="bar" style={{ height }} data-testid={testId}>
      {segments.map((s, i) =>
        s.value > 0 ? (
          <Tooltip key={i} title={s.label}>
            <div className="bar-seg" style={{ width: `${(s.value / scale) * 100}%`, background: s.color }} />
          </Tooltip>
        ) : null,
      )}
      {marker !== undefined && (
        <Tooltip title={markerLabel}>
          <div className="bar-marker" style={{ left: `calc(${(marker / scale) * 100}% - 1px)` }} />
        </Tooltip>
      )}
    </div>
  );
}

/** One group of columns (e.g. a month): a value per series. */
export interface ColumnGroup {
  key: string;
  label: ReactNode;
  values: number[];
  /** The tooltip of the group. */
  title?: ReactNode;
}

/**
 * Grouped vertical columns (plain CSS), one column per series in each group, on a scale from zero to
 * the largest value; `maxLabel` names that value (zero when there is none) on the top grid line. A zero
 * draws no column; any other value at least 2px.
 */
export function GroupedColumns({
  groups,
  colors,
  maxLabel,
  height = 140,
  testId,
}: {
  groups: ColumnGroup[];
  colors: string[];
  maxLabel?: (max: number) => ReactNode;
  height?: number;
  testId?: string;
}) {
  const max = Math.max(0, ...groups.flatMap((g) => g.values));
  const scale = Math.max(1, max);
  return (
    <div className="columns" data-testid={testId}>
      <div className="columns-plot" style={{ height }}>
        {maxLabel && <div className="columns-max">{maxLabel(max)}</div>}
        {groups.map((g) => (
          <Tooltip key={g.key} title={g.title}>
            <div className="columns-group" data-key={g.key}>
              {g.values.map((v, i) => (
                <div
                  key={i}
                  className="columns-col"
                  style={{
                    height: v > 0 ? `${(v / scale) * 100}%` : 0,
                    minHeight: v > 0 ? 2 : undefined,
                    background: colors[i % colors.length],
                  }}
                />
              ))}
            </div>
          </Tooltip>
        ))}
      </div>
      <div className="columns-axis">
        {groups.map((g) => (
          <div key={g.key} className="columns-label">
            {g.label}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A legend swatch. */
export function Swatch({ color, children }: { color: string; children: ReactNode }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginInlineEnd: 12, fontSize: 12 }}>
      <span style={{ width: 10, height: 10, background: color, display: 'inline-block', borderRadius: 2 }} />
      {children}
    </span>
  );
}

/** 导出 CSV: fetches the list with Accept: text/csv and the bearer token, then saves it as a file. */
export function CsvButton({ path, name }: { path: string; name: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      loading={busy}
      data-testid={`csv-${name}`}
      onClick={async () => {
        setBusy(true);
        try {
          const file = await downloadCsv(path, `${name}.csv`);
          message.success(`${t('finance.downloaded')}: ${file}`);
        } catch (e) {
          message.error(`${t('error.title')}: ${String(e instanceof Error ? e.message : e)}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('finance.csv')}
    </Button>
  );
}
