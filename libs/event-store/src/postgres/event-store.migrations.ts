import { type Migration } from '../sql/migrations';

/**
 * The event store schema.
 *
 * Tailing safety: an append takes a short session-level advisory lock around the moment its transaction
 * gets its id and its events get their global positions, so the order of transaction ids equals the order
 * of positions across appenders. Readers only return events whose transaction id is below the oldest
 * transaction still running (`pg_snapshot_xmin`): every event not yet visible then has a higher position
 * than every event returned, so a reader that follows positions never skips one. The lock is released
 * before commit, so commits still group.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and command log',
    sql: `
CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  category text NOT NULL,
  stream_revision bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);

CREATE TABLE command_log (
  command_id text PRIMARY KEY,
  command_type text NOT NULL,
  stream_id text NOT NULL,
  result jsonb,
  revision bigint NOT NULL,
  global_position bigint NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION es_append(
  p_stream_id text,
  p_expected bigint,
  p_events jsonb,
  p_command_id text,
  p_command_type text,
  p_command_result jsonb
) RETURNS TABLE (r_revision bigint, r_position bigint, r_event_id uuid, r_occurred_at timestamptz, r_schema_version integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_count integer := jsonb_array_length(p_events);
  v_inserted integer := 0;
  v_last_position bigint := 0;
  v_ids uuid[];
  v_types text[];
  v_versions integer[];
  v_data jsonb[];
  v_metadata jsonb[];
  v_times timestamptz[];
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es_append must be the first write of its transaction' USING ERRCODE = 'KF500';
  END IF;
  SELECT max(stream_revision) INTO v_current FROM events WHERE stream_id = p_stream_id;
  v_current := coalesce(v_current, -1);
  -- p_expected: >= 0 exact revision, -1 no stream, -2 any, -3 stream exists
  IF (p_expected >= 0 AND v_current <> p_expected)
     OR (p_expected = -1 AND v_current <> -1)
     OR (p_expected = -3 AND v_current = -1) THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'KF409', DETAIL = v_current::text;
  END IF;
  IF v_count > 0 THEN
    -- Everything that could fail is evaluated before the lock is taken.
    SELECT array_agg((e->>'eventId')::uuid ORDER BY ord), array_agg(e->>'type' ORDER BY ord),
           array_agg((e->>'schemaVersion')::integer ORDER BY ord), array_agg(e->'data' ORDER BY ord),
           array_agg(coalesce(e->'metadata', '{}'::jsonb) ORDER BY ord),
           array_agg(coalesce((e->>'occurredAt')::timestamptz, now()) ORDER BY ord)
      INTO v_ids, v_types, v_versions, v_data, v_metadata, v_times
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord);
    IF array_position(v_ids, NULL) IS NOT NULL OR array_position(v_types, NULL) IS NOT NULL
       OR array_position(v_versions, NULL) IS NOT NULL OR array_position(v_data, NULL) IS NOT NULL THEN
      RAISE EXCEPTION 'event without id, type, schema version or data' USING ERRCODE = 'KF400';
    END IF;
    PERFORM pg_advisory_lock(7311002);
    INSERT INTO events (event_id, stream_id, category, stream_revision, type, schema_version, data, metadata, occurred_at)
      SELECT v_ids[i], p_stream_id, split_part(p_stream_id, '-', 1), v_current + i, v_types[i], v_versions[i],
             v_data[i], v_metadata[i], v_times[i]
        FROM generate_series(1, v_count) AS i
      ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    PERFORM pg_advisory_unlock(7311002);
    IF v_inserted < v_count THEN
      SELECT max(stream_revision) INTO v_current FROM events WHERE stream_id = p_stream_id;
      RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'KF409', DETAIL = coalesce(v_current, -1)::text;
    END IF;
    SELECT max(global_position) INTO v_last_position FROM events
      WHERE stream_id = p_stream_id AND stream_revision > v_current;
  END IF;
  IF p_command_id IS NOT NULL THEN
    INSERT INTO command_log (command_id, command_type, stream_id, result, revision, global_position)
      VALUES (p_command_id, p_command_type, p_stream_id, p_command_result, v_current + v_count, v_last_position);
  END IF;
  RETURN QUERY SELECT stream_revision, global_position, event_id, occurred_at, schema_version FROM events
    WHERE stream_id = p_stream_id AND stream_revision > v_current ORDER BY stream_revision;
END
$$;
`,
  },
];
