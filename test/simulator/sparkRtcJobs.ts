/**
 * SparkRTC recording jobs, record rules, auto-record mode and room control, as the API reference and
 * Huawei's SDK models document them (docs/providers/huawei-sparkrtc.md, "Recording jobs, record
 * rules, auto-record and room control"):
 * paths under /v2/apps/{app_id}/, snake_case bodies, required fields and enums checked (400
 * RTC.00001005 missing / RTC.00001003 invalid), and the documented status codes: 201 for a started
 * job or a created rule, 200 for reads and updates, 204 for stop and delete, 202 for room control.
 */
import { randomBytes } from 'node:crypto';

import type { SimRequest, SimResponse } from './server';
import { errorBody } from './server';

type Field =
	| {
			type: 'string' | 'integer' | 'bool' | 'array';
			required?: boolean;
			oneOf?: unknown[];
			min?: number;
			max?: number;
	  }
	| { type: 'object'; required?: boolean; fields: Spec };
type Spec = Record<string, Field>;

const MISSING = (field: string) => ({
	status: 400,
	body: errorBody('RTC.00001005', `MissingParameter: ${field}`),
});
const INVALID = (field: string) => ({
	status: 400,
	body: errorBody('RTC.00001003', `InvalidParameterValue: ${field}`),
});
const NOT_FOUND = (what: string) => ({
	status: 404,
	body: errorBody('RTC.00001003', `InvalidParameterValue: ${what} does not exist`),
});

/** Checks a body against its documented spec; the first problem as the service answers it. */
function check(value: Record<string, unknown>, spec: Spec, prefix = ''): SimResponse | undefined {
	for (const [name, field] of Object.entries(spec)) {
		const v = value[name];
		const path = `${prefix}${name}`;
		if (v === undefined || v === null) {
			if (field.required) return MISSING(path);
			continue;
		}
		if (field.type === 'object') {
			if (typeof v !== 'object' || Array.isArray(v)) return INVALID(path);
			const inner = check(v as Record<string, unknown>, field.fields, `${path}.`);
			if (inner) return inner;
			continue;
		}
		const ok =
			field.type === 'integer'
				? Number.isInteger(v)
				: field.type === 'array'
					? Array.isArray(v)
					: field.type === 'bool'
						? typeof v === 'boolean'
						: typeof v === 'string';
		if (!ok) return INVALID(path);
		if (
			field.oneOf &&
			!(Array.isArray(v)
				? v.every((x) => field.oneOf!.includes(x)) && v.length > 0
				: field.oneOf.includes(v))
		)
			return INVALID(path);
		if (field.min !== undefined && (v as number) < field.min) return INVALID(path);
		if (field.max !== undefined && (v as number) > field.max) return INVALID(path);
		if (field.type === 'string' && v === '' && field.required) return MISSING(path);
	}
	return undefined;
}

const RECORD_PARAM: Field = {
	type: 'object',
	fields: { record_rule_id: { type: 'string', required: true } },
};
const ENCODE_TEMPLATES = [
	'1920*1080_30_4620',
	'1920*1080_30_3150',
	'1920*1080_15_3460',
	'1920*1080_15_2080',
	'1280*720_30_3420',
	'1280*720_30_1710',
	'1280*720_15_2260',
	'1280*720_15_1130',
	'640*480_30_1000',
	'640*480_30_1500',
	'640*480_15_500',
	'480*360_30_490',
	'480*360_15_320',
];
const MIX_COMMON: Spec = {
	max_idle_time: { type: 'integer', min: 5, max: 43200 },
	layout_template: { type: 'string' },
	background_image: { type: 'string' },
	default_user_background_image: { type: 'string' },
	screen_background_image: { type: 'string' },
	layout_panes: { type: 'array' },
	user_background_images: { type: 'array' },
};
export const RTC_BODIES = {
	individualJob: {
		room_id: { type: 'string', required: true },
		user_id: { type: 'string', required: true },
		is_record_audio: { type: 'bool' },
		video_type: { type: 'string', oneOf: ['CAMERASTREAM', 'SCREENSTREAM'] },
		select_stream_type: { type: 'string', oneOf: ['LD', 'SD', 'HD', 'FHD'] },
		max_idle_time: { type: 'integer', min: 5, max: 43200 },
		record_param: RECORD_PARAM,
	},
	individualUpdate: { record_param: RECORD_PARAM },
	mixJob: {
		mix_param: {
			type: 'object',
			required: true,
			fields: {
				room_id: { type: 'string', required: true },
				encode_template: { type: 'string', required: true, oneOf: ENCODE_TEMPLATES },
				...MIX_COMMON,
			},
		},
		record_param: RECORD_PARAM,
	},
	mixUpdate: { mix_param: { type: 'object', required: true, fields: MIX_COMMON } },
	rule: {
		obs_addr: {
			type: 'object',
			required: true,
			fields: {
				location: { type: 'string', required: true },
				project_id: { type: 'string', required: true },
				bucket: { type: 'string', required: true },
				object: { type: 'string' },
			},
		},
		record_formats: { type: 'array', required: true, oneOf: ['HLS', 'MP4'] },
		hls_config: {
			type: 'object',
			fields: {
				record_cycle: { type: 'integer', min: 60, max: 43200 },
				record_prefix: { type: 'string' },
			},
		},
		mp4_config: {
			type: 'object',
			fields: {
				record_cycle: { type: 'integer', min: 60, max: 43200 },
				record_prefix: { type: 'string' },
			},
		},
	},
	autoRecord: {
		mode: { type: 'string', required: true, oneOf: ['AUTO_RECORD_OFF', 'AUTO_INDIVIDUAL_RECORD'] },
		record_rule_id: { type: 'string' },
	},
	removeUsers: { user_ids: { type: 'array', required: true } },
} satisfies Record<string, Spec>;

const now = () => new Date().toISOString();
const id = () => randomBytes(16).toString('hex');

export interface RtcAppState {
	individualJobs: Map<string, Record<string, unknown>>;
	mixJobs: Map<string, Record<string, unknown>>;
	rules: Map<string, Record<string, unknown>>;
	autoRecord: Record<string, unknown>;
	/** Users in each room (for remove-users and dismiss). */
	rooms: Map<string, Set<string>>;
}

export class RtcJobStore {
	readonly apps = new Map<string, RtcAppState>();

	app(appId: string): RtcAppState {
		let state = this.apps.get(appId);
		if (!state) {
			state = {
				individualJobs: new Map(),
				mixJobs: new Map(),
				rules: new Map(),
				autoRecord: { mode: 'AUTO_RECORD_OFF' },
				rooms: new Map(),
			};
			this.apps.set(appId, state);
		}
		return state;
	}

	private ruleExists(app: RtcAppState, body: Record<string, unknown>): boolean {
		const ruleId = (body.record_param as { record_rule_id?: string } | undefined)?.record_rule_id;
		return ruleId === undefined || app.rules.has(ruleId);
	}

	startIndividual(app: RtcAppState, appId: string, body: Record<string, unknown>): SimResponse {
		const problem = check(body, RTC_BODIES.individualJob);
		if (problem) return problem;
		if (!this.ruleExists(app, body)) return INVALID('record_param.record_rule_id');
		const jobId = id();
		const job = {
			job_id: jobId,
			stream_name: `s_${jobId}_${body.room_id}_${body.user_id}`,
			app_id: appId,
			is_record_audio: true,
			video_type: 'CAMERASTREAM',
			select_stream_type: 'FHD',
			max_idle_time: 30,
			...body,
			create_time: now(),
			update_time: now(),
			state: 'INIT',
		};
		app.individualJobs.set(jobId, job);
		return { status: 201, body: job };
	}

	startMix(app: RtcAppState, appId: string, body: Record<string, unknown>): SimResponse {
		const problem = check(body, RTC_BODIES.mixJob);
		if (problem) return problem;
		if (!this.ruleExists(app, body)) return INVALID('record_param.record_rule_id');
		const jobId = id();
		const job = {
			job_id: jobId,
			app_id: appId,
			...body,
			create_time: now(),
			update_time: now(),
			state: 'INIT',
		};
		app.mixJobs.set(jobId, job);
		return { status: 201, body: job };
	}

	updateJob(
		jobs: Map<string, Record<string, unknown>>,
		jobId: string,
		body: Record<string, unknown>,
		spec: Spec,
	): SimResponse {
		const job = jobs.get(jobId);
		if (!job) return NOT_FOUND('job');
		const problem = check(body, spec);
		if (problem) return problem;
		if (body.mix_param)
			job.mix_param = { ...(job.mix_param as object), ...(body.mix_param as object) };
		if (body.record_param) job.record_param = body.record_param;
		job.update_time = now();
		return { status: 200, body: job };
	}

	stopJob(jobs: Map<string, Record<string, unknown>>, jobId: string): SimResponse {
		const job = jobs.get(jobId);
		if (!job) return NOT_FOUND('job');
		Object.assign(job, { state: 'STOPPED', stop_reason: 'USER_STOP', stop_time: now() });
		return { status: 204 };
	}

	saveRule(
		app: RtcAppState,
		appId: string,
		body: Record<string, unknown>,
		ruleId?: string,
	): SimResponse {
		if (ruleId !== undefined && !app.rules.has(ruleId)) return NOT_FOUND('rule');
		const problem = check(body, RTC_BODIES.rule);
		if (problem) return problem;
		const rule = {
			rule_id: ruleId ?? id(),
			app_id: appId,
			...body,
			create_time: app.rules.get(ruleId ?? '')?.create_time ?? now(),
			update_time: now(),
		};
		app.rules.set(rule.rule_id as string, rule);
		return { status: ruleId ? 200 : 201, body: rule };
	}

	listRules(app: RtcAppState, r: SimRequest): SimResponse {
		const offset = Number(r.query.get('offset') ?? '0');
		const limit = Number(r.query.get('limit') ?? '10');
		if (!Number.isInteger(offset) || offset < 0) return INVALID('offset');
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) return INVALID('limit');
		const rules = [...app.rules.values()];
		return {
			status: 200,
			body: { total: rules.length, rules: rules.slice(offset, offset + limit) },
		};
	}

	setAutoRecord(app: RtcAppState, appId: string, body: Record<string, unknown>): SimResponse {
		const problem = check(body, RTC_BODIES.autoRecord);
		if (problem) return problem;
		if (body.mode === 'AUTO_INDIVIDUAL_RECORD') {
			if (!body.record_rule_id) return MISSING('record_rule_id');
			if (!app.rules.has(body.record_rule_id as string)) return INVALID('record_rule_id');
		}
		app.autoRecord = { ...body, update_time: now() };
		return { status: 200, body: { app_id: appId, auto_record_mode: app.autoRecord } };
	}

	removeUsers(app: RtcAppState, roomId: string, body: Record<string, unknown>): SimResponse {
		const problem = check(body, RTC_BODIES.removeUsers);
		if (problem) return problem;
		const ids = body.user_ids as unknown[];
		if (ids.length === 0 || !ids.every((u) => typeof u === 'string' && u))
			return INVALID('user_ids');
		for (const u of ids) app.rooms.get(roomId)?.delete(u as string);
		return { status: 202 };
	}

	dismiss(app: RtcAppState, roomId: string): SimResponse {
		app.rooms.delete(roomId);
		return { status: 202 };
	}
}

type Route = [
	string,
	RegExp,
	(
		store: RtcJobStore,
		app: RtcAppState,
		appId: string,
		r: SimRequest,
		m: RegExpExecArray,
	) => SimResponse,
];

const A = '^/v2/apps/([^/]+)';
const body = (r: SimRequest) =>
	r.json && typeof r.json === 'object' ? (r.json as Record<string, unknown>) : undefined;
const withBody = (r: SimRequest, fn: (b: Record<string, unknown>) => SimResponse): SimResponse => {
	if (!String(r.headers['content-type'] ?? '').startsWith('application/json'))
		return { status: 400, body: errorBody('RTC.00001002', 'MalformedRequestBody') };
	const b = body(r);
	return b ? fn(b) : { status: 400, body: errorBody('RTC.00001002', 'MalformedRequestBody') };
};

export const RTC_JOB_ROUTES: Route[] = [
	[
		'POST',
		new RegExp(`${A}/individual-stream-jobs$`),
		(s, app, appId, r) => withBody(r, (b) => s.startIndividual(app, appId, b)),
	],
	[
		'GET',
		new RegExp(`${A}/individual-stream-jobs/([^/]+)$`),
		(_s, app, _a, _r, m) =>
			app.individualJobs.has(m[2])
				? { status: 200, body: app.individualJobs.get(m[2]) }
				: NOT_FOUND('job'),
	],
	[
		'PUT',
		new RegExp(`${A}/individual-stream-jobs/([^/]+)$`),
		(s, app, _a, r, m) =>
			withBody(r, (b) => s.updateJob(app.individualJobs, m[2], b, RTC_BODIES.individualUpdate)),
	],
	[
		'DELETE',
		new RegExp(`${A}/individual-stream-jobs/([^/]+)$`),
		(s, app, _a, _r, m) => s.stopJob(app.individualJobs, m[2]),
	],
	[
		'POST',
		new RegExp(`${A}/mix-stream-jobs$`),
		(s, app, appId, r) => withBody(r, (b) => s.startMix(app, appId, b)),
	],
	[
		'GET',
		new RegExp(`${A}/mix-stream-jobs/([^/]+)$`),
		(_s, app, _a, _r, m) =>
			app.mixJobs.has(m[2]) ? { status: 200, body: app.mixJobs.get(m[2]) } : NOT_FOUND('job'),
	],
	[
		'PUT',
		new RegExp(`${A}/mix-stream-jobs/([^/]+)$`),
		(s, app, _a, r, m) =>
			withBody(r, (b) => s.updateJob(app.mixJobs, m[2], b, RTC_BODIES.mixUpdate)),
	],
	[
		'DELETE',
		new RegExp(`${A}/mix-stream-jobs/([^/]+)$`),
		(s, app, _a, _r, m) => s.stopJob(app.mixJobs, m[2]),
	],
	[
		'POST',
		new RegExp(`${A}/record-rules$`),
		(s, app, appId, r) => withBody(r, (b) => s.saveRule(app, appId, b)),
	],
	['GET', new RegExp(`${A}/record-rules$`), (s, app, _a, r) => s.listRules(app, r)],
	[
		'GET',
		new RegExp(`${A}/record-rules/([^/]+)$`),
		(_s, app, _a, _r, m) =>
			app.rules.has(m[2]) ? { status: 200, body: app.rules.get(m[2]) } : NOT_FOUND('rule'),
	],
	[
		'PUT',
		new RegExp(`${A}/record-rules/([^/]+)$`),
		(s, app, appId, r, m) => withBody(r, (b) => s.saveRule(app, appId, b, m[2])),
	],
	[
		'DELETE',
		new RegExp(`${A}/record-rules/([^/]+)$`),
		(_s, app, _a, _r, m) => (app.rules.delete(m[2]) ? { status: 204 } : NOT_FOUND('rule')),
	],
	[
		'GET',
		new RegExp(`${A}/auto-record-mode$`),
		(_s, app, appId) => ({
			status: 200,
			body: { app_id: appId, auto_record_mode: app.autoRecord },
		}),
	],
	[
		'PUT',
		new RegExp(`${A}/auto-record-mode$`),
		(s, app, appId, r) => withBody(r, (b) => s.setAutoRecord(app, appId, b)),
	],
	[
		'POST',
		new RegExp(`${A}/rooms/([^/]+)/batch-remove-users$`),
		(s, app, _a, r, m) => withBody(r, (b) => s.removeUsers(app, decodeURIComponent(m[2]), b)),
	],
	[
		'POST',
		new RegExp(`${A}/rooms/([^/]+)/dismiss$`),
		(s, app, _a, _r, m) => s.dismiss(app, decodeURIComponent(m[2])),
	],
];
