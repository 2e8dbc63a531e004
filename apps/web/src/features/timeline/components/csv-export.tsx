import { useMutation } from '@tanstack/react-query';
import { downloadText } from '../../../lib/csv.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { exportTimelineCsv } from '../api/timeline-queries.ts';
import { csvFileName, type TimelineFilter } from '../model/timeline-filter.ts';

/** "Export CSV": every event the filters select (not only the pages loaded), as a file named after the filters. */
export function CsvExport({ filter }: { filter: TimelineFilter }) {
  const t = useT();
  const exportCsv = useMutation({
    mutationFn: async () => {
      const csv = await exportTimelineCsv(filter);
      downloadText(csvFileName(filter), csv.text);
      return csv;
    },
  });
  return (
    <div className="csv-export">
      <button type="button" className="ops-button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>
        {exportCsv.isPending ? t('timeline.csv.preparing') : t('timeline.csv.export')}
      </button>
      <span role="status" className="muted">
        {exportCsv.isSuccess && t('timeline.csv.done', { count: exportCsv.data.count, truncated: exportCsv.data.truncated ? 'yes' : 'no' })}
        {exportCsv.isError && t('timeline.csv.error', { error: exportCsv.error.message })}
      </span>
    </div>
  );
}
