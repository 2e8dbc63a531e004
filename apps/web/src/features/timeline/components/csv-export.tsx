import { useMutation } from '@tanstack/react-query';
import { downloadText } from '../../../lib/csv.ts';
import { formatCount } from '../../../lib/format.ts';
import { exportTimelineCsv } from '../api/timeline-queries.ts';
import { csvFileName, type TimelineFilter } from '../model/timeline-filter.ts';

/** "Export CSV": every event the filters select (not only the pages loaded), as a file named after the filters. */
export function CsvExport({ filter }: { filter: TimelineFilter }) {
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
        {exportCsv.isPending ? 'Preparing CSV…' : 'Export CSV'}
      </button>
      <span role="status" className="muted">
        {exportCsv.isSuccess &&
          `${formatCount(exportCsv.data.count)} ${exportCsv.data.count === 1 ? 'event' : 'events'} exported${exportCsv.data.truncated ? ` (the newest only; narrow the filters for the rest)` : ''}`}
        {exportCsv.isError && `The CSV could not be prepared: ${exportCsv.error.message}`}
      </span>
    </div>
  );
}
