/**
 * SparkRTC recording jobs, record rules, auto-record mode and room control: one table row per
 * operation with the documented method, path and body (snake_case, as the API reference and
 * Huawei's SDK models give them). Every call is signed by the credential (AK/SK or token).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import { apiRequest } from '../shared/http';
import { collectPages, readLimit } from '../shared/paging';
import { requiredText } from '../shared/parameters';
import { isoString } from '../shared/time';
import { rtcApi } from './api';

type Ctx = IExecuteFunctions;

const optionalText = (ctx: Ctx, i: number, name: string) =>
	String(ctx.getNodeParameter(name, i, '') ?? '').trim();

/** A JSON parameter (string or object), or undefined when empty. */
function json(ctx: Ctx, i: number, value: unknown, label: string): unknown {
	if (value === undefined || value === '' || value === null) return undefined;
	if (typeof value !== 'string') return value;
	return jsonParse(value, { errorMessage: `${label} is not valid JSON` });
}

const app = (appId: string) => `/v2/apps/${encodeURIComponent(appId)}`;

/** Job and rule answers with ISO times named (Huawei already sends UTC ISO strings). */
function withTimes(answer: IDataObject): IDataObject {
	const out: IDataObject = { ...answer };
	for (const key of ['create_time', 'update_time', 'start_time', 'stop_time']) {
		if (answer[key] !== undefined) out[`${key}_iso`] = isoString(answer[key]) ?? null;
	}
	return out;
}

interface Call {
	method: IHttpRequestMethods;
	path: (ctx: Ctx, i: number, appId: string) => string;
	body?: (ctx: Ctx, i: number) => IDataObject;
	/** What the user sees; `answer` is the parsed body ('' for 202/204). */
	output: (answer: IDataObject, ctx: Ctx, i: number, appId: string) => IDataObject;
	label: string;
}

const recordParam = (ctx: Ctx, i: number): IDataObject | undefined => {
	const ruleId = optionalText(ctx, i, 'recordRuleId');
	return ruleId ? { record_rule_id: ruleId } : undefined;
};

function individualJobBody(ctx: Ctx, i: number): IDataObject {
	const options = ctx.getNodeParameter('jobOptions', i, {}) as IDataObject;
	const body: IDataObject = {
		room_id: requiredText(ctx, i, 'roomId', 'room ID'),
		user_id: requiredText(ctx, i, 'userId', 'user ID'),
	};
	if (options.isRecordAudio !== undefined) body.is_record_audio = options.isRecordAudio;
	if (options.videoType) body.video_type = options.videoType;
	if (options.selectStreamType) body.select_stream_type = options.selectStreamType;
	if (options.maxIdleTime !== undefined) body.max_idle_time = options.maxIdleTime;
	const record = recordParam(ctx, i);
	if (record) body.record_param = record;
	return body;
}

/** The mix fields shared by Start and Update (layout, idle time, images). */
function mixFields(ctx: Ctx, i: number, options: IDataObject): IDataObject {
	const out: IDataObject = {};
	if (options.maxIdleTime !== undefined) out.max_idle_time = options.maxIdleTime;
	for (const key of [
		'layoutTemplate',
		'backgroundImage',
		'defaultUserBackgroundImage',
		'screenBackgroundImage',
	]) {
		if (options[key]) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = options[key];
	}
	const panes = json(ctx, i, options.layoutPanes, 'Layout Panes');
	if (panes !== undefined) {
		if (!Array.isArray(panes))
			throw new NodeOperationError(ctx.getNode(), 'Layout Panes must be a JSON array', {
				itemIndex: i,
			});
		out.layout_panes = panes as IDataObject[];
	}
	return out;
}

function ruleBody(ctx: Ctx, i: number): IDataObject {
	const formats = ctx.getNodeParameter('recordFormats', i, []) as string[];
	if (formats.length === 0)
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one record format', {
			itemIndex: i,
		});
	const obsAddr: IDataObject = {
		location: requiredText(ctx, i, 'obsLocation', 'OBS region'),
		project_id: requiredText(ctx, i, 'obsProjectId', 'OBS project ID'),
		bucket: requiredText(ctx, i, 'obsBucket', 'OBS bucket'),
	};
	const object = optionalText(ctx, i, 'obsObject');
	if (object) obsAddr.object = object;
	const body: IDataObject = { obs_addr: obsAddr, record_formats: formats };
	const options = ctx.getNodeParameter('ruleOptions', i, {}) as IDataObject;
	for (const format of ['hls', 'mp4']) {
		const cycle = options[`${format}RecordCycle`];
		const prefix = options[`${format}RecordPrefix`];
		if (cycle === undefined && !prefix) continue;
		body[`${format}_config`] = {
			...(cycle !== undefined ? { record_cycle: cycle } : {}),
			...(prefix ? { record_prefix: prefix } : {}),
		};
	}
	return body;
}

const jobPath = (kind: string) => (ctx: Ctx, i: number, appId: string) =>
	`${app(appId)}/${kind}/${encodeURIComponent(requiredText(ctx, i, 'jobId', 'job ID'))}`;
const rulePath = (ctx: Ctx, i: number, appId: string) =>
	`${app(appId)}/record-rules/${encodeURIComponent(requiredText(ctx, i, 'ruleId', 'record rule ID'))}`;
const roomPath = (action: string) => (ctx: Ctx, i: number, appId: string) =>
	`${app(appId)}/rooms/${encodeURIComponent(requiredText(ctx, i, 'roomId', 'room ID'))}/${action}`;

const stopped = (_answer: IDataObject, ctx: Ctx, i: number, appId: string) => ({
	appId,
	jobId: requiredText(ctx, i, 'jobId', 'job ID'),
	stopped: true,
});

function jobCalls(
	kind: 'individual-stream-jobs' | 'mix-stream-jobs',
	label: string,
	start: (ctx: Ctx, i: number) => IDataObject,
	update: (ctx: Ctx, i: number) => IDataObject,
) {
	const out = (answer: IDataObject) => withTimes(answer);
	return {
		start: {
			method: 'POST',
			label: `Start ${label}`,
			path: (_c: Ctx, _i: number, appId: string) => `${app(appId)}/${kind}`,
			body: start,
			output: out,
		},
		get: { method: 'GET', label: `Get ${label}`, path: jobPath(kind), output: out },
		update: {
			method: 'PUT',
			label: `Update ${label}`,
			path: jobPath(kind),
			body: update,
			output: out,
		},
		stop: { method: 'DELETE', label: `Stop ${label}`, path: jobPath(kind), output: stopped },
	} satisfies Record<string, Call>;
}

export const CALLS: Record<string, Record<string, Call>> = {
	individualRecording: jobCalls(
		'individual-stream-jobs',
		'individual recording',
		individualJobBody,
		(ctx, i) => {
			const record = recordParam(ctx, i);
			if (!record)
				throw new NodeOperationError(ctx.getNode(), 'Enter the record rule ID to switch to', {
					itemIndex: i,
				});
			return { record_param: record };
		},
	),
	mixedRecording: jobCalls(
		'mix-stream-jobs',
		'mixed recording',
		(ctx, i) => {
			const mixParam: IDataObject = {
				room_id: requiredText(ctx, i, 'roomId', 'room ID'),
				encode_template: requiredText(ctx, i, 'encodeTemplate', 'encode template'),
				...mixFields(ctx, i, ctx.getNodeParameter('mixOptions', i, {}) as IDataObject),
			};
			const record = recordParam(ctx, i);
			return record ? { mix_param: mixParam, record_param: record } : { mix_param: mixParam };
		},
		(ctx, i) => {
			const fields = mixFields(ctx, i, ctx.getNodeParameter('mixOptions', i, {}) as IDataObject);
			if (Object.keys(fields).length === 0) {
				throw new NodeOperationError(ctx.getNode(), 'Add at least one field to update', {
					itemIndex: i,
				});
			}
			return { mix_param: fields };
		},
	),
	recordRule: {
		create: {
			method: 'POST',
			label: 'Create record rule',
			path: (_c, _i, appId) => `${app(appId)}/record-rules`,
			body: ruleBody,
			output: withTimes,
		},
		get: { method: 'GET', label: 'Get record rule', path: rulePath, output: withTimes },
		update: {
			method: 'PUT',
			label: 'Update record rule',
			path: rulePath,
			body: ruleBody,
			output: withTimes,
		},
		delete: {
			method: 'DELETE',
			label: 'Delete record rule',
			path: rulePath,
			output: (_a, ctx, i, appId) => ({
				appId,
				ruleId: requiredText(ctx, i, 'ruleId', 'record rule ID'),
				deleted: true,
			}),
		},
	},
	autoRecord: {
		get: {
			method: 'GET',
			label: 'Get auto-record mode',
			path: (_c, _i, appId) => `${app(appId)}/auto-record-mode`,
			output: (a) => a,
		},
		set: {
			method: 'PUT',
			label: 'Set auto-record mode',
			path: (_c, _i, appId) => `${app(appId)}/auto-record-mode`,
			body: (ctx, i) => {
				const mode = ctx.getNodeParameter('mode', i) as string;
				if (mode === 'AUTO_RECORD_OFF') return { mode };
				return { mode, record_rule_id: requiredText(ctx, i, 'recordRuleId', 'record rule ID') };
			},
			output: (a) => a,
		},
	},
	room: {
		removeUsers: {
			method: 'POST',
			label: 'Remove users',
			path: roomPath('batch-remove-users'),
			body: (ctx, i) => ({
				user_ids: requiredText(ctx, i, 'userIds', 'user IDs')
					.split(',')
					.map((u) => u.trim())
					.filter(Boolean),
			}),
			output: (_a, ctx, i, appId) => ({
				appId,
				roomId: requiredText(ctx, i, 'roomId', 'room ID'),
				removedUserIds: requiredText(ctx, i, 'userIds', 'user IDs')
					.split(',')
					.map((u) => u.trim())
					.filter(Boolean),
				accepted: true,
			}),
		},
		dismiss: {
			method: 'POST',
			label: 'Dismiss room',
			path: roomPath('dismiss'),
			output: (_a, ctx, i, appId) => ({
				appId,
				roomId: requiredText(ctx, i, 'roomId', 'room ID'),
				dismissed: true,
				accepted: true,
			}),
		},
	},
};

/** Record Rule → Get Many: offset/limit pages (100 at most) until a short page. */
async function getRules(ctx: Ctx, i: number, appId: string): Promise<IDataObject[]> {
	const rules = await collectPages<IDataObject, number>(
		async (offset = 0, limit) => {
			const answer = await apiRequest<IDataObject>(ctx, rtcApi, 'Get record rules', {
				method: 'GET',
				url: `${app(appId)}/record-rules`,
				headers: { 'Content-Type': 'application/json' },
				qs: { offset, limit },
			});
			const items = Array.isArray(answer?.rules) ? (answer.rules as IDataObject[]) : [];
			return { items, next: items.length === limit ? offset + items.length : undefined };
		},
		100,
		readLimit(ctx, i),
	);
	return rules.map(withTimes);
}

/** Runs a resource's operation (everything but the recording callback). */
export async function runRtcOperation(
	ctx: Ctx,
	i: number,
	resource: string,
	operation: string,
	appId: string,
) {
	if (resource === 'recordRule' && operation === 'getAll') return await getRules(ctx, i, appId);
	const call = CALLS[resource]?.[operation];
	if (!call)
		throw new NodeOperationError(ctx.getNode(), `Unknown operation "${resource}: ${operation}"`, {
			itemIndex: i,
		});
	const body = call.body?.(ctx, i);
	const answer = await apiRequest<IDataObject | string>(ctx, rtcApi, call.label, {
		method: call.method,
		url: call.path(ctx, i, appId),
		headers: { 'Content-Type': 'application/json;charset=utf-8' },
		...(body ? { body } : {}),
	});
	return call.output(answer && typeof answer === 'object' ? answer : {}, ctx, i, appId);
}
