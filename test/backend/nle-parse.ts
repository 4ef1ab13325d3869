/**
 * Readers of the NLE marker exports for the tests (browser and node): a CMX 3600 EDL reader with `* LOC:`
 * locators, a reader of DaVinci Resolve's marker EDL, and the structural check of OpenTimelineIO JSON. No
 * OTIO JSON Schema is published (OpenTimelineIO defines its schemas in its C++ serializers), so
 * `checkOtio` checks the fields and OTIO_SCHEMA versions those serializers write for Timeline.1, Stack.1,
 * Track.1, Clip.2, Marker.2, ExternalReference.1/MissingReference.1, RationalTime.1 and TimeRange.1
 * (src/opentimelineio/{timeline,stack,track,clip,item,composition,marker,mediaReference,externalReference}.cpp:
 * each `write_to`), at the versions of the release label 0.17.0 in src/opentimelineio/CORE_VERSION_MAP.cpp
 * (the development label 0.18.0.dev1 moves Timeline to 2 and reads Timeline.1 through its upgrade function).
 */

const TC = String.raw`(\d{2}:\d{2}:\d{2}[:;]\d{2})`;

export interface EdlLocator {
  timecode: string;
  color: string;
  text: string;
}
export interface EdlEvent {
  number: number;
  reel: string;
  sourceIn: string;
  sourceOut: string;
  recordIn: string;
  recordOut: string;
  clipName?: string;
  locators: EdlLocator[];
  /** Lines after the event line that are not comments (Resolve's marker line). */
  notes: string[];
}
export interface Edl {
  title: string;
  fcm: string;
  events: EdlEvent[];
}

/** Reads a CMX 3600 EDL; throws on a line it does not know. */
export function parseEdl(text: string): Edl {
  const lines = text.split('\n');
  const title = /^TITLE: (.*)$/.exec(lines[0])?.[1];
  const fcm = /^FCM: (DROP FRAME|NON-DROP FRAME)$/.exec(lines[1])?.[1];
  if (title === undefined || fcm === undefined) throw new Error(`no EDL header: ${lines.slice(0, 2).join(' / ')}`);
  const events: EdlEvent[] = [];
  const event = new RegExp(String.raw`^(\d{3})  (\S+)\s+V\s+C\s+${TC} ${TC} ${TC} ${TC}\s*$`);
  const loc = new RegExp(String.raw`^\* LOC: ${TC} (\S+)\s+(.*)$`);
  for (const line of lines.slice(2)) {
    if (line === '') continue;
    const e = event.exec(line);
    if (e) {
      events.push({
        number: Number(e[1]),
        reel: e[2],
        sourceIn: e[3],
        sourceOut: e[4],
        recordIn: e[5],
        recordOut: e[6],
        locators: [],
        notes: [],
      });
      continue;
    }
    const current = events.at(-1);
    if (!current) throw new Error(`line before the first event: ${line}`);
    const l = loc.exec(line);
    const name = /^\* FROM CLIP NAME: {2}(.*)$/.exec(line);
    if (l) current.locators.push({ timecode: l[1], color: l[2], text: l[3] });
    else if (name) current.clipName = name[1];
    else if (line.startsWith('*')) throw new Error(`unknown comment: ${line}`);
    else current.notes.push(line);
  }
  return { title, fcm, events };
}

export interface ResolveMarker {
  recordIn: string;
  recordOut: string;
  note: string;
  color: string;
  name: string;
  duration: number;
}

/** Reads Resolve's marker EDL: each event one marker, `note |C:ResolveColorX |M:name |D:n` below it. */
export function parseResolveEdl(text: string): { edl: Edl; markers: ResolveMarker[] } {
  const edl = parseEdl(text);
  const markers = edl.events.map((e) => {
    if (e.notes.length !== 1) throw new Error(`event ${e.number} has ${e.notes.length} marker lines`);
    const m = /^(.*?) ?\|C:ResolveColor(\w+) \|M:(.*) \|D:(\d+)$/.exec(e.notes[0]);
    if (!m) throw new Error(`not a Resolve marker line: ${e.notes[0]}`);
    return { recordIn: e.recordIn, recordOut: e.recordOut, note: m[1], color: m[2], name: m[3], duration: Number(m[4]) };
  });
  return { edl, markers };
}

// — OpenTimelineIO —

type Json = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new Error(`OTIO ${path}: ${what}`);
}

function object(v: unknown, path: string, schema?: string | readonly string[]): Json {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(path, 'not an object');
  const o = v as Json;
  if (schema !== undefined) {
    const allowed = typeof schema === 'string' ? [schema] : schema;
    if (!allowed.includes(o.OTIO_SCHEMA as string)) fail(path, `OTIO_SCHEMA ${String(o.OTIO_SCHEMA)}, expected ${allowed.join(' or ')}`);
  }
  return o;
}

function fields(
  o: Json,
  path: string,
  expected: Record<string, 'string' | 'number' | 'boolean' | 'object' | 'array' | 'nullable-object'>,
): void {
  for (const [k, type] of Object.entries(expected)) {
    const v = o[k];
    const ok =
      type === 'array'
        ? Array.isArray(v)
        : type === 'object'
          ? !!v && typeof v === 'object' && !Array.isArray(v)
          : type === 'nullable-object'
            ? v === null || (!!v && typeof v === 'object')
            : typeof v === type;
    if (!ok) fail(`${path}.${k}`, `expected ${type}, got ${JSON.stringify(v)}`);
  }
  const known = new Set(['OTIO_SCHEMA', ...Object.keys(expected)]);
  for (const k of Object.keys(o)) if (!known.has(k)) fail(`${path}.${k}`, 'unknown field');
}

export function checkRationalTime(v: unknown, path: string): { rate: number; value: number } {
  const o = object(v, path, 'RationalTime.1');
  fields(o, path, { rate: 'number', value: 'number' });
  if (!((o.rate as number) > 0)) fail(path, 'rate must be positive');
  return o as unknown as { rate: number; value: number };
}

export function checkTimeRange(
  v: unknown,
  path: string,
): { start: { rate: number; value: number }; duration: { rate: number; value: number } } {
  const o = object(v, path, 'TimeRange.1');
  fields(o, path, { start_time: 'object', duration: 'object' });
  return { start: checkRationalTime(o.start_time, `${path}.start_time`), duration: checkRationalTime(o.duration, `${path}.duration`) };
}

/** SerializableObjectWithMetadata → Composable → Item fields (item.cpp): name, metadata, source_range, effects, markers, enabled. */
const ITEM = {
  name: 'string',
  metadata: 'object',
  source_range: 'nullable-object',
  effects: 'array',
  markers: 'array',
  enabled: 'boolean',
} as const;

function checkItem(o: Json, path: string): void {
  if (o.source_range !== null) checkTimeRange(o.source_range, `${path}.source_range`);
  (o.markers as unknown[]).forEach((m, i) => checkMarker(m, `${path}.markers[${i}]`));
}

export function checkMarker(v: unknown, path: string): Json {
  const o = object(v, path, 'Marker.2');
  fields(o, path, { name: 'string', metadata: 'object', color: 'string', marked_range: 'object', comment: 'string' });
  const colors = ['PINK', 'RED', 'ORANGE', 'YELLOW', 'GREEN', 'CYAN', 'BLUE', 'PURPLE', 'MAGENTA', 'BLACK', 'WHITE'];
  if (!colors.includes(o.color as string)) fail(`${path}.color`, `not a Marker::Color: ${String(o.color)}`);
  checkTimeRange(o.marked_range, `${path}.marked_range`);
  return o;
}

export function checkClip(v: unknown, path: string): Json {
  const o = object(v, path, 'Clip.2');
  fields(o, path, { ...ITEM, media_references: 'object', active_media_reference_key: 'string' });
  checkItem(o, path);
  const refs = o.media_references as Json;
  if (!((o.active_media_reference_key as string) in refs)) fail(path, 'active_media_reference_key names no media reference');
  for (const [key, ref] of Object.entries(refs)) {
    const r = object(ref, `${path}.media_references.${key}`, ['ExternalReference.1', 'MissingReference.1']);
    const common = {
      name: 'string',
      metadata: 'object',
      available_range: 'nullable-object',
      available_image_bounds: 'nullable-object',
    } as const;
    fields(r, `${path}.media_references.${key}`, r.OTIO_SCHEMA === 'ExternalReference.1' ? { ...common, target_url: 'string' } : common);
    if (r.available_range !== null) checkTimeRange(r.available_range, `${path}.media_references.${key}.available_range`);
  }
  return o;
}

/** Checks a whole OTIO timeline as its schemas define it; returns the clips of its tracks in order. */
export function checkOtio(v: unknown): { timeline: Json; clips: Json[] } {
  const timeline = object(v, 'Timeline', 'Timeline.1');
  fields(timeline, 'Timeline', { name: 'string', metadata: 'object', global_start_time: 'nullable-object', tracks: 'object' });
  if (timeline.global_start_time !== null) checkRationalTime(timeline.global_start_time, 'Timeline.global_start_time');
  const stack = object(timeline.tracks, 'Timeline.tracks', 'Stack.1');
  fields(stack, 'Stack', { ...ITEM, children: 'array' });
  checkItem(stack, 'Stack');
  const clips: Json[] = [];
  (stack.children as unknown[]).forEach((t, i) => {
    const track = object(t, `Stack.children[${i}]`, 'Track.1');
    fields(track, `Track[${i}]`, { ...ITEM, children: 'array', kind: 'string' });
    if (!['Video', 'Audio'].includes(track.kind as string)) fail(`Track[${i}].kind`, String(track.kind));
    checkItem(track, `Track[${i}]`);
    (track.children as unknown[]).forEach((c, j) => clips.push(checkClip(c, `Track[${i}].children[${j}]`)));
  });
  return { timeline, clips };
}
