-- Publication days are Brussels calendar days (schema/brussels-time.ts). Rows stored before this
-- rule are brought to it; new rows are written this way by the code.

-- A decision's publication date (`eli:date_publication`) is stored as the moment its day starts in
-- Brussels, as a press release's date-only publication is; it was midnight UTC (an hour or two
-- later). The date is read from the decision's current revision.
UPDATE documents AS d
SET published_at = ((r.fields ->> 'publicationDate')::date)::timestamp AT TIME ZONE 'Europe/Brussels'
FROM document_revisions AS r
WHERE d.kind = 'council_decision'
  AND r.document_id = d.id
  AND r.revision = d.revision
  AND r.fields ->> 'publicationDate' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
  AND d.published_at IS DISTINCT FROM ((r.fields ->> 'publicationDate')::date)::timestamp AT TIME ZONE 'Europe/Brussels';
--> statement-breakpoint
-- A measure is announced on the Brussels calendar day of its earliest document (session start of a
-- decision, else publication, else first seen); it was the UTC day, one day early for a press
-- release published on a date without a time.
UPDATE measures AS m
SET announced_on = earliest.day
FROM (
  SELECT e.measure_id, min((coalesce(cd.session_start, d.published_at, d.first_seen_at) AT TIME ZONE 'Europe/Brussels')::date) AS day
  FROM measure_evidence AS e
  JOIN documents AS d ON d.id = e.document_id
  LEFT JOIN council_decisions AS cd ON cd.document_id = d.id
  GROUP BY e.measure_id
) AS earliest
WHERE earliest.measure_id = m.id
  AND m.announced_on IS DISTINCT FROM earliest.day;
