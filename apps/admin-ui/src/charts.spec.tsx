import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ColumnGroup, GroupedColumns, StackedBar } from './charts';

/** A percentage style value (`"30%"`, `"calc(30% - 1px)"`) as a number. */
const percent = (value: string) => Number(/(-?[\d.e+-]+)%/.exec(value)?.[1]);

const segmentsOf = (bar: HTMLElement) => [...bar.querySelectorAll<HTMLElement>('.bar-seg')];

describe('StackedBar', () => {
  it('draws each segment as its share of max, and the marker at its value', () => {
    render(
      <StackedBar
        testId="exposure"
        max={1000}
        marker={800}
        markerLabel="limit"
        segments={[
          { value: 300, color: '#fa8c16', label: 'receivable' },
          { value: 200, color: '#1677ff', label: 'reserved' },
        ]}
      />,
    );
    const bar = screen.getByTestId('exposure');
    expect(segmentsOf(bar).map((s) => percent(s.style.width))).toEqual([30, 20]);
    expect(segmentsOf(bar).map((s) => s.style.background)).toEqual([
      'rgb(250, 140, 22)',
      'rgb(22, 119, 255)',
    ]);
    expect(bar.querySelector<HTMLElement>('.bar-marker')!.style.left).toBe('calc(80% - 1px)');
  });

  it('widens the scale when the segments pass max, so the bar never overflows', () => {
    render(
      <StackedBar
        testId="over"
        max={1000}
        marker={1000}
        segments={[
          { value: 900, color: 'red', label: 'a' },
          { value: 600, color: 'blue', label: 'b' },
        ]}
      />,
    );
    const bar = screen.getByTestId('over');
    const widths = segmentsOf(bar).map((s) => percent(s.style.width));
    expect(widths[0]).toBeCloseTo(60);
    expect(widths[1]).toBeCloseTo(40);
    expect(percent(bar.querySelector<HTMLElement>('.bar-marker')!.style.left)).toBeCloseTo(66.667, 2);
  });

  it('skips segments of zero or less without letting them shrink the scale', () => {
    render(
      <StackedBar
        testId="credit"
        max={400}
        segments={[
          { value: -200, color: 'orange', label: 'overpaid' },
          { value: 0, color: 'grey', label: 'none' },
          { value: 500, color: 'blue', label: 'reserved' },
        ]}
      />,
    );
    const segments = segmentsOf(screen.getByTestId('credit'));
    expect(segments).toHaveLength(1);
    expect(percent(segments[0].style.width)).toBe(100);
  });

  it('renders zero data without NaN', () => {
    render(
      <StackedBar
        testId="empty"
        max={0}
        marker={0}
        segments={[
          { value: 0, color: 'red', label: 'a' },
          { value: 0, color: 'blue', label: 'b' },
        ]}
      />,
    );
    const bar = screen.getByTestId('empty');
    expect(segmentsOf(bar)).toHaveLength(0);
    expect(bar.querySelector<HTMLElement>('.bar-marker')!.style.left).toBe('calc(0% - 1px)');
    expect(bar.outerHTML).not.toMatch(/NaN|Infinity/);
  });

  it('names a segment and the marker in a tooltip on hover', async () => {
    render(
      <StackedBar
        testId="tips"
        max={100}
        marker={80}
        markerLabel="Credit limit ¥1.00"
        segments={[{ value: 40, color: 'blue', label: 'Reserved ¥0.40' }]}
      />,
    );
    const bar = screen.getByTestId('tips');
    await userEvent.hover(segmentsOf(bar)[0]);
    expect((await screen.findByRole('tooltip')).textContent).toBe('Reserved ¥0.40');
    await userEvent.hover(bar.querySelector<HTMLElement>('.bar-marker')!);
    expect(await screen.findByText('Credit limit ¥1.00')).toBeTruthy();
  });
});

describe('GroupedColumns', () => {
  const months: ColumnGroup[] = [
    { key: '2024-01', label: 'Jan', values: [100, 50], title: 'January: 100 / 50' },
    { key: '2024-02', label: 'Feb', values: [200, 0], title: 'February: 200 / 0' },
    { key: '2024-03', label: 'Mar', values: [0, 0], title: 'March: nothing' },
  ];
  const colors = ['#1677ff', '#52c41a'];

  it('draws a group per key and a column per series, scaled to the largest value', () => {
    const maxLabel = jest.fn((max: number) => `max ${max}`);
    render(<GroupedColumns testId="revenue" groups={months} colors={colors} maxLabel={maxLabel} />);
    const chart = screen.getByTestId('revenue');

    const groups = [...chart.querySelectorAll<HTMLElement>('.columns-group')];
    expect(groups.map((g) => g.dataset.key)).toEqual(['2024-01', '2024-02', '2024-03']);
    const heights = groups.map((g) =>
      [...g.querySelectorAll<HTMLElement>('.columns-col')].map((c) => c.style.height),
    );
    expect(heights).toEqual([
      ['50%', '25%'],
      ['100%', '0px'],
      ['0px', '0px'],
    ]);
    // A small value still shows as a sliver; a zero not at all.
    const first = groups[0].querySelectorAll<HTMLElement>('.columns-col');
    expect(first[1].style.minHeight).toBe('2px');
    expect(groups[2].querySelector<HTMLElement>('.columns-col')!.style.minHeight).toBe('');
    expect([...first].map((c) => c.style.background)).toEqual(['rgb(22, 119, 255)', 'rgb(82, 196, 26)']);

    expect([...chart.querySelectorAll('.columns-label')].map((l) => l.textContent)).toEqual([
      'Jan',
      'Feb',
      'Mar',
    ]);
    expect(maxLabel).toHaveBeenLastCalledWith(200);
    expect(chart.querySelector('.columns-max')!.textContent).toBe('max 200');
  });

  it('shows the tooltip of a group on hover', async () => {
    render(<GroupedColumns testId="revenue" groups={months} colors={colors} />);
    await userEvent.hover(screen.getByTestId('revenue').querySelector('[data-key="2024-02"]')!);
    expect((await screen.findByRole('tooltip')).textContent).toBe('February: 200 / 0');
  });

  it('renders zero data without NaN and labels the top line with zero', () => {
    const maxLabel = jest.fn((max: number) => `max ${max}`);
    const zeros = months.map((m) => ({ ...m, values: [0, 0] }));
    const { rerender } = render(
      <GroupedColumns testId="zero" groups={zeros} colors={colors} maxLabel={maxLabel} />,
    );
    const chart = screen.getByTestId('zero');
    expect(chart.querySelectorAll('.columns-col')).toHaveLength(6);
    expect(
      [...chart.querySelectorAll<HTMLElement>('.columns-col')].every((c) => c.style.height === '0px'),
    ).toBe(true);
    expect(chart.querySelector('.columns-max')!.textContent).toBe('max 0');
    expect(chart.outerHTML).not.toMatch(/NaN|Infinity/);

    rerender(<GroupedColumns testId="zero" groups={[]} colors={colors} maxLabel={maxLabel} />);
    expect(chart.querySelectorAll('.columns-group')).toHaveLength(0);
    expect(chart.querySelector('.columns-max')!.textContent).toBe('max 0');
    expect(chart.outerHTML).not.toMatch(/NaN|Infinity/);
  });
});
