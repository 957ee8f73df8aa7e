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
 *
 * Version 2 adds `es_append_batch(items jsonb)`, used by {@link PostgresEventStore} for group commit: many
 * appends in one transaction, one lock hold, one commit, under the same rule (it must be the first write of its
 * transaction; the transaction id and all positions are taken by one INSERT while the lock is held; nothing
 * that can raise runs under the lock). Each item gets its own outcome (`ok`, `wrong_revision`, `duplicate`,
 * `invalid`) without raising, since a raise would fail every item of the batch. An item that loses a race after
 * its rows were inserted (a revision or its command id taken by a concurrent transaction) has its rows deleted
 * in the same transaction, so nobody ever sees them, and so do the later items of the batch on the same stream,
 * which were based on it. `es_append` (version 1) stays for callers that append in their own transaction.
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
  {
    version: 2,
    name: 'batched appends (group commit)',
    sql: `
CREATE FUNCTION es_append_batch(p_items jsonb) RETURNS jsonb
LANGUAGE plpgsql
-- Custom plans would be re-planned on every call (the parameters are arrays and jsonb): generic plans are cheaper.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_n integer;
  v_rows integer;
  v_item jsonb;
  v_stream text;
  v_command text;
  v_expected bigint;
  v_cur bigint;
  v_valid_items boolean[];
  v_last bigint[];
  v_status text[] := '{}';
  v_info jsonb[] := '{}';
  v_base bigint[] := '{}';
  v_count integer[] := '{}';
  v_winner integer[] := '{}';
  v_inserted integer[];
  v_revisions jsonb;
  v_records jsonb;
  v_claimed jsonb := '{}';
  v_failed jsonb := '{}';
  v_written jsonb;
  v_drop integer[] := '{}';
  v_drop_commands text[] := '{}';
  v_current jsonb;
  v_record jsonb;
  v_events jsonb;
  v_result jsonb;
  e_item integer[];
  e_id uuid[];
  e_stream text[];
  e_rev bigint[];
  e_type text[];
  e_ver integer[];
  e_data jsonb[];
  e_meta jsonb[];
  e_time timestamptz[];
  e_pos bigint[];
  i_stream text[];
  i_rev bigint[];
  i_pos bigint[];
BEGIN
  IF jsonb_typeof(p_items) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'es_append_batch expects a json array' USING ERRCODE = 'KF400';
  END IF;
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es_append_batch must be the first write of its transaction' USING ERRCODE = 'KF500';
  END IF;
  v_n := jsonb_array_length(p_items);

  -- 1. Read-only checks, per item and in item order (no raise: a raise would fail every item).
  SELECT coalesce(jsonb_object_agg(t.s, m.r), '{}') INTO v_revisions
    FROM (SELECT DISTINCT x->>'streamId' AS s FROM jsonb_array_elements(p_items) AS x) AS t
    CROSS JOIN LATERAL (SELECT max(stream_revision) AS r FROM events WHERE stream_id = t.s) AS m
    WHERE t.s IS NOT NULL AND m.r IS NOT NULL;
  SELECT coalesce(jsonb_object_agg(c.command_id, to_jsonb(c)), '{}') INTO v_records
    FROM command_log AS c
    WHERE c.command_id IN (SELECT x->>'commandId' FROM jsonb_array_elements(p_items) AS x);
  SELECT array_agg(coalesce(jsonb_typeof(x) = 'object'
           AND jsonb_typeof(x->'streamId') = 'string'
           AND jsonb_typeof(x->'expected') = 'number' AND (x->>'expected') ~ '^-?[0-9]{1,18}$'
           AND jsonb_typeof(x->'events') = 'array'
           AND (jsonb_typeof(x->'commandId') IS NULL OR jsonb_typeof(x->'commandId') = 'null'
                OR (jsonb_typeof(x->'commandId') = 'string' AND jsonb_typeof(x->'commandType') = 'string')), false)
         AND CASE WHEN (x->>'expected') ~ '^-?[0-9]{1,18}$' THEN (x->>'expected')::bigint >= -3 ELSE false END
         AND (SELECT coalesce(bool_and(coalesce(jsonb_typeof(e) = 'object'
               AND jsonb_typeof(e->'eventId') = 'string'
               AND (e->>'eventId') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
               AND jsonb_typeof(e->'type') = 'string'
               AND jsonb_typeof(e->'schemaVersion') = 'number' AND (e->>'schemaVersion') ~ '^-?[0-9]{1,9}$'
               AND e ? 'data'
               AND (jsonb_typeof(e->'occurredAt') IS NULL OR jsonb_typeof(e->'occurredAt') = 'null'
                    OR (jsonb_typeof(e->'occurredAt') = 'string'
                        AND (e->>'occurredAt') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$')), false)), true)
                FROM jsonb_array_elements(CASE WHEN jsonb_typeof(x->'events') = 'array' THEN x->'events' ELSE '[]' END) AS e)
         ORDER BY ord)
    INTO v_valid_items FROM jsonb_array_elements(p_items) WITH ORDINALITY AS t(x, ord);
  FOR i IN 1 .. v_n LOOP
    v_item := p_items -> (i - 1);
    v_status[i] := 'invalid';
    v_count[i] := 0;
    IF NOT v_valid_items[i] THEN
      v_info[i] := to_jsonb('invalid append item'::text);
      CONTINUE;
    END IF;
    v_stream := v_item->>'streamId';
    v_command := v_item->>'commandId';
    IF v_command IS NOT NULL AND v_records ? v_command THEN
      v_status[i] := 'duplicate';
      v_info[i] := v_records -> v_command;
      CONTINUE;
    END IF;
    IF v_command IS NOT NULL AND v_claimed ? v_command THEN
      -- A repeat inside the batch: its outcome follows the earlier item's (resolved at the end).
      v_status[i] := 'repeat';
      v_winner[i] := (v_claimed ->> v_command)::integer;
      CONTINUE;
    END IF;
    v_expected := (v_item->>'expected')::bigint;
    v_cur := coalesce((v_revisions ->> v_stream)::bigint, -1);
    IF (v_expected >= 0 AND v_cur <> v_expected)
       OR (v_expected = -1 AND v_cur <> -1)
       OR (v_expected = -3 AND v_cur = -1) THEN
      v_status[i] := 'wrong_revision';
      CONTINUE;
    END IF;
    v_status[i] := 'pending';
    v_base[i] := v_cur;
    v_count[i] := jsonb_array_length(v_item->'events');
    v_revisions := jsonb_set(v_revisions, ARRAY[v_stream], to_jsonb(v_cur + v_count[i]));
    IF v_command IS NOT NULL THEN
      v_claimed := jsonb_set(v_claimed, ARRAY[v_command], to_jsonb(i));
    END IF;
  END LOOP;

  -- 2. Every cast before the lock: the rows to insert, in item then event order.
  SELECT array_agg(t.i ORDER BY t.i, t.ord), array_agg((t.e->>'eventId')::uuid ORDER BY t.i, t.ord),
         array_agg(p_items->(t.i - 1)->>'streamId' ORDER BY t.i, t.ord), array_agg(v_base[t.i] + t.ord ORDER BY t.i, t.ord),
         array_agg(t.e->>'type' ORDER BY t.i, t.ord), array_agg((t.e->>'schemaVersion')::integer ORDER BY t.i, t.ord),
         array_agg(t.e->'data' ORDER BY t.i, t.ord), array_agg(coalesce(t.e->'metadata', '{}'::jsonb) ORDER BY t.i, t.ord),
         array_agg(coalesce((t.e->>'occurredAt')::timestamptz, now()) ORDER BY t.i, t.ord)
    INTO e_item, e_id, e_stream, e_rev, e_type, e_ver, e_data, e_meta, e_time
    FROM (SELECT it.i, ev.e, ev.ord
            FROM generate_series(1, v_n) AS it(i)
            CROSS JOIN LATERAL jsonb_array_elements(
              CASE WHEN v_status[it.i] = 'pending' THEN p_items->(it.i - 1)->'events' ELSE '[]'::jsonb END
            ) WITH ORDINALITY AS ev(e, ord)) AS t;
  v_rows := coalesce(array_length(e_item, 1), 0);

  -- 3. Under the lock: the transaction id and every position, in one statement.
  IF v_rows > 0 THEN
    PERFORM pg_advisory_lock(7311002);
    WITH ins AS (
      INSERT INTO events (event_id, stream_id, category, stream_revision, type, schema_version, data, metadata, occurred_at)
        SELECT u.id, u.s, split_part(u.s, '-', 1), u.rev, u.type, u.ver, u.data, u.meta, u.time
          FROM unnest(e_id, e_stream, e_rev, e_type, e_ver, e_data, e_meta, e_time) WITH ORDINALITY
               AS u(id, s, rev, type, ver, data, meta, time, k)
         ORDER BY u.k
      ON CONFLICT DO NOTHING
      RETURNING stream_id, stream_revision, global_position
    )
    SELECT array_agg(stream_id), array_agg(stream_revision), array_agg(global_position) INTO i_stream, i_rev, i_pos FROM ins;
    PERFORM pg_advisory_unlock(7311002);
    SELECT array_agg(p.pos ORDER BY u.k) INTO e_pos
      FROM unnest(e_stream, e_rev) WITH ORDINALITY AS u(s, r, k)
      LEFT JOIN unnest(i_stream, i_rev, i_pos) AS p(s, r, pos) ON p.s = u.s AND p.r = u.r;
  END IF;
  SELECT array_agg(coalesce(c.n, 0)::integer ORDER BY it.i), array_agg(coalesce(c.last, 0) ORDER BY it.i)
    INTO v_inserted, v_last
    FROM generate_series(1, v_n) AS it(i)
    LEFT JOIN (SELECT u.i, count(u.pos) AS n, max(u.pos) AS last FROM unnest(e_item, e_pos) AS u(i, pos)
                GROUP BY 1) AS c ON c.i = it.i;

  -- 4. An item not written whole lost its revision to a concurrent writer; later items of its stream in
  --    this batch were based on it and fail too. Their rows were never visible to anyone.
  FOR i IN 1 .. v_n LOOP
    CONTINUE WHEN v_status[i] <> 'pending';
    v_stream := p_items->(i - 1)->>'streamId';
    IF v_failed ? v_stream OR v_inserted[i] < v_count[i] THEN
      v_status[i] := 'wrong_revision';
      v_failed := jsonb_set(v_failed, ARRAY[v_stream], 'true');
      v_drop := v_drop || i;
    END IF;
  END LOOP;
  IF cardinality(v_drop) > 0 THEN
    DELETE FROM events WHERE global_position IN
      (SELECT u.pos FROM unnest(e_item, e_pos) AS u(i, pos) WHERE u.pos IS NOT NULL AND u.i = ANY (v_drop));
  END IF;

  -- 5. The command log, in command id order (so that racing batches never deadlock).
  WITH ins AS (
    INSERT INTO command_log (command_id, command_type, stream_id, result, revision, global_position)
      SELECT p_items->(it.i - 1)->>'commandId', p_items->(it.i - 1)->>'commandType', p_items->(it.i - 1)->>'streamId',
             p_items->(it.i - 1)->'commandResult', v_base[it.i] + v_count[it.i],
             v_last[it.i]
        FROM generate_series(1, v_n) AS it(i)
       WHERE v_status[it.i] = 'pending' AND p_items->(it.i - 1)->>'commandId' IS NOT NULL
       ORDER BY 1
    ON CONFLICT DO NOTHING
    RETURNING command_id
  )
  SELECT coalesce(jsonb_object_agg(command_id, true), '{}') INTO v_written FROM ins;
  v_failed := '{}';
  v_drop := '{}';
  FOR i IN 1 .. v_n LOOP
    CONTINUE WHEN v_status[i] <> 'pending';
    v_stream := p_items->(i - 1)->>'streamId';
    v_command := p_items->(i - 1)->>'commandId';
    IF v_command IS NOT NULL AND NOT (v_written ? v_command) THEN
      -- A repeat of the command committed first (we waited for it): it wins.
      SELECT to_jsonb(c) INTO v_record FROM command_log AS c WHERE c.command_id = v_command;
      v_info[i] := v_record;
      v_status[i] := CASE WHEN v_record IS NULL THEN 'wrong_revision' ELSE 'duplicate' END;
      v_failed := jsonb_set(v_failed, ARRAY[v_stream], 'true');
      v_drop := v_drop || i;
    ELSIF v_failed ? v_stream THEN
      v_status[i] := 'wrong_revision';
      v_drop := v_drop || i;
      IF v_command IS NOT NULL THEN
        v_drop_commands := v_drop_commands || v_command;
      END IF;
    ELSE
      v_status[i] := 'ok';
    END IF;
  END LOOP;
  IF cardinality(v_drop) > 0 THEN
    DELETE FROM events WHERE global_position IN
      (SELECT u.pos FROM unnest(e_item, e_pos) AS u(i, pos) WHERE u.pos IS NOT NULL AND u.i = ANY (v_drop));
  END IF;
  IF cardinality(v_drop_commands) > 0 THEN
    DELETE FROM command_log WHERE command_id = ANY (v_drop_commands);
  END IF;

  -- 6. Repeats inside the batch follow the item that held their command id.
  FOR i IN 1 .. v_n LOOP
    CONTINUE WHEN v_status[i] <> 'repeat';
    IF v_status[v_winner[i]] = 'ok' THEN
      v_status[i] := 'duplicate';
      SELECT to_jsonb(c) INTO v_record FROM command_log AS c WHERE c.command_id = p_items->(i - 1)->>'commandId';
      v_info[i] := v_record;
    ELSIF v_status[v_winner[i]] = 'duplicate' THEN
      v_status[i] := 'duplicate';
      v_info[i] := v_info[v_winner[i]];
    ELSE
      v_status[i] := 'wrong_revision';
    END IF;
  END LOOP;

  -- 7. The answers, in item order.
  SELECT coalesce(jsonb_object_agg(t.s, m.r), '{}') INTO v_current
    FROM (SELECT DISTINCT p_items->(it.i - 1)->>'streamId' AS s FROM generate_series(1, v_n) AS it(i)
           WHERE v_status[it.i] = 'wrong_revision') AS t
    CROSS JOIN LATERAL (SELECT max(stream_revision) AS r FROM events WHERE stream_id = t.s) AS m
    WHERE m.r IS NOT NULL;
  SELECT coalesce(jsonb_object_agg(g.i, g.events), '{}') INTO v_events
    FROM (SELECT u.i,
                 jsonb_agg(jsonb_build_object('revision', u.rev, 'position', u.pos, 'eventId', u.id,
                                              'occurredAt', u.time, 'schemaVersion', u.ver) ORDER BY u.k) AS events
            FROM unnest(e_item, e_rev, e_pos, e_id, e_time, e_ver) WITH ORDINALITY AS u(i, rev, pos, id, time, ver, k)
           WHERE v_status[u.i] = 'ok'
           GROUP BY 1) AS g;
  SELECT jsonb_agg(CASE v_status[it.i]
           WHEN 'ok' THEN jsonb_build_object('outcome', 'ok', 'revision', v_base[it.i] + v_count[it.i],
                                             'events', coalesce(v_events -> it.i::text, '[]'))
           WHEN 'duplicate' THEN jsonb_build_object('outcome', 'duplicate', 'record', v_info[it.i])
           WHEN 'wrong_revision' THEN jsonb_build_object('outcome', 'wrong_revision',
             'current', coalesce(v_current -> (p_items->(it.i - 1)->>'streamId'), '-1'))
           ELSE jsonb_build_object('outcome', 'invalid', 'message', v_info[it.i])
         END ORDER BY it.i)
    INTO v_result FROM generate_series(1, v_n) AS it(i);
  RETURN coalesce(v_result, '[]');
END
$$;
`,
  },
];
