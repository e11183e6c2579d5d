/**
 * The SparkRTC node's recording jobs, record rules, auto-record mode and room control over real
 * HTTP through the simulated AK/SK gateway: the documented method, path and body of each call, the
 * documented status codes (201, 200, 204, 202), a signature the gateway verifies, and the simulator
 * refusing each body without any one of its required fields (so a node that dropped one fails here).
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { HuaweiCloudSparkRtc } from '../../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { without } from '../../harness/bodies';
import { runNode } from '../../harness/n8n';
import type { HuaweiSparkRtcSimulator } from '../../simulator/huaweiSparkRtc';
import type { SimRequest } from '../../simulator/server';
import {
	AK,
	akSkCredential,
	APP_ID,
	iamCredential,
	PROJECT_ID,
	SK,
	startRtcSimulator,
} from './setup';

const node = new HuaweiCloudSparkRtc();
const A = `/v2/apps/${APP_ID}`;

/** Re-sends a body to the simulator signed as the SDK signs (a minimal independent signer). */
async function signedSend(
	sim: HuaweiSparkRtcSimulator,
	method: string,
	path: string,
	body: unknown,
): Promise<{ status: number; body: any }> {
	const text = JSON.stringify(body);
	const date = new Date()
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
	const host = new URL(sim.baseUrl).host;
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		host,
		'x-project-id': PROJECT_ID,
		'x-sdk-date': date,
	};
	const signed = Object.keys(headers).sort();
	const sha = (s: string) => createHash('sha256').update(s).digest('hex');
	const canonical = [
		method,
		path.endsWith('/') ? path : `${path}/`,
		'',
		signed.map((h) => `${h}:${headers[h]}\n`).join(''),
		signed.join(';'),
		sha(text),
	].join('\n');
	const signature = createHmac('sha256', SK)
		.update(`SDK-HMAC-SHA256\n${date}\n${sha(canonical)}`)
		.digest('hex');
	headers.authorization = `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
	return await new Promise((resolve, reject) => {
		const req = http.request(`${sim.baseUrl}${path}`, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const t = Buffer.concat(chunks).toString('utf8');
				resolve({ status: res.statusCode ?? 0, body: t ? JSON.parse(t) : undefined });
			});
		});
		req.on('error', reject);
		req.end(text);
	});
}

describe('Huawei Cloud SparkRTC node: recordings, rules, auto record, rooms', () => {
	let sim: HuaweiSparkRtcSimulator;
	beforeEach(async () => (sim = await startRtcSimulator()));
	afterEach(async () => await sim.stop());
	const run = async (params: IDataObject, store = akSkCredential(sim)) =>
		await runNode(node, store, { params: { appId: APP_ID, ...params } });
	const last = (method: string, path: string): SimRequest => sim.requests(method, path).at(-1)!;

	/** Every required field removed in turn: the simulator answers 400 RTC.00001005. */
	async function expectRequired(
		method: string,
		path: string,
		body: IDataObject,
		required: string[],
	) {
		for (const field of required) {
			const answer = await signedSend(sim, method, path, without(body, field));
			expect({ field, status: answer.status, code: answer.body?.error_code }).toEqual({
				field,
				status: 400,
				code: 'RTC.00001005',
			});
		}
	}

	async function createRule(): Promise<string> {
		const [rule] = await run({
			resource: 'recordRule',
			operation: 'create',
			obsLocation: 'cn-north-4',
			obsProjectId: PROJECT_ID,
			obsBucket: 'recordings',
			obsObject: 'rtc/',
			recordFormats: ['MP4', 'HLS'],
			ruleOptions: { mp4RecordCycle: 1800, mp4RecordPrefix: 'meeting' },
		});
		return rule.json.rule_id as string;
	}

	it('Record Rule: create (201), get, get many (paged), update, delete (204)', async () => {
		const ruleId = await createRule();
		const create = last('POST', `${A}/record-rules`);
		const expected = {
			obs_addr: {
				location: 'cn-north-4',
				project_id: PROJECT_ID,
				bucket: 'recordings',
				object: 'rtc/',
			},
			record_formats: ['MP4', 'HLS'],
			mp4_config: { record_cycle: 1800, record_prefix: 'meeting' },
		};
		expect(create.json).toEqual(expected);
		expect(sim.verifySignature(create)).toBeUndefined();
		await expectRequired('POST', `${A}/record-rules`, expected, [
			'obs_addr',
			'obs_addr.location',
			'obs_addr.project_id',
			'obs_addr.bucket',
			'record_formats',
		]);

		const [got] = await run({ resource: 'recordRule', operation: 'get', ruleId });
		expect(got.json).toMatchObject({
			rule_id: ruleId,
			record_formats: ['MP4', 'HLS'],
			create_time_iso: expect.stringMatching(/Z$/),
		});

		for (let n = 0; n < 120; n++) await signedSend(sim, 'POST', `${A}/record-rules`, expected);
		const all = await run({ resource: 'recordRule', operation: 'getAll', returnAll: true });
		expect(all).toHaveLength(121);
		expect(
			sim.requests('GET', `${A}/record-rules`).map((r) => Object.fromEntries(r.query)),
		).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);
		expect(
			await run({ resource: 'recordRule', operation: 'getAll', returnAll: false, limit: 7 }),
		).toHaveLength(7);

		await run({
			resource: 'recordRule',
			operation: 'update',
			ruleId,
			obsLocation: 'cn-north-4',
			obsProjectId: PROJECT_ID,
			obsBucket: 'other',
			obsObject: '',
			recordFormats: ['HLS'],
			ruleOptions: {},
		});
		expect(last('PUT', `${A}/record-rules/${ruleId}`).json).toEqual({
			obs_addr: { location: 'cn-north-4', project_id: PROJECT_ID, bucket: 'other' },
			record_formats: ['HLS'],
		});

		const [deleted] = await run({ resource: 'recordRule', operation: 'delete', ruleId });
		expect(deleted.json).toEqual({ appId: APP_ID, ruleId, deleted: true });
		expect(sim.jobs.app(APP_ID).rules.has(ruleId)).toBe(false);
		const gone = await run({ resource: 'recordRule', operation: 'get', ruleId }).catch((e) => e);
		expect(gone).toBeInstanceOf(NodeApiError);
		expect(gone.message).toMatch(/Get record rule failed \(RTC\.00001003/);
		expect(gone.httpCode).toBe('404');
	});

	it('Individual Recording: start (201) with the documented body, get, update, stop (204)', async () => {
		const ruleId = await createRule();
		const [job] = await run({
			resource: 'individualRecording',
			operation: 'start',
			roomId: 'room01',
			userId: 'alice',
			recordRuleId: ruleId,
			jobOptions: {
				isRecordAudio: true,
				videoType: 'SCREENSTREAM',
				selectStreamType: 'HD',
				maxIdleTime: 60,
			},
		});
		const body = {
			room_id: 'room01',
			user_id: 'alice',
			is_record_audio: true,
			video_type: 'SCREENSTREAM',
			select_stream_type: 'HD',
			max_idle_time: 60,
			record_param: { record_rule_id: ruleId },
		};
		expect(last('POST', `${A}/individual-stream-jobs`).json).toEqual(body);
		expect(job.json).toMatchObject({
			job_id: expect.any(String),
			room_id: 'room01',
			state: 'INIT',
			create_time_iso: expect.any(String),
		});
		await expectRequired('POST', `${A}/individual-stream-jobs`, body, [
			'room_id',
			'user_id',
			'record_param.record_rule_id',
		]);
		const jobId = job.json.job_id as string;

		expect(
			(await run({ resource: 'individualRecording', operation: 'get', jobId }))[0].json,
		).toMatchObject({ job_id: jobId });
		await run({
			resource: 'individualRecording',
			operation: 'update',
			jobId,
			recordRuleId: ruleId,
		});
		expect(last('PUT', `${A}/individual-stream-jobs/${jobId}`).json).toEqual({
			record_param: { record_rule_id: ruleId },
		});
		await expectRequired(
			'PUT',
			`${A}/individual-stream-jobs/${jobId}`,
			{ record_param: { record_rule_id: ruleId } },
			['record_param.record_rule_id'],
		);

		const [stopped] = await run({ resource: 'individualRecording', operation: 'stop', jobId });
		expect(stopped.json).toEqual({ appId: APP_ID, jobId, stopped: true });
		expect(sim.jobs.app(APP_ID).individualJobs.get(jobId)).toMatchObject({ state: 'STOPPED' });
		const unknown = await run({
			resource: 'individualRecording',
			operation: 'stop',
			jobId: 'nope',
		}).catch((e) => e);
		expect(unknown.httpCode).toBe('404');
	});

	it('Mixed Recording: start with mix_param (room, encode template, layout), update, get, stop', async () => {
		const [job] = await run({
			resource: 'mixedRecording',
			operation: 'start',
			roomId: 'room02',
			encodeTemplate: '1280*720_30_1710',
			recordRuleId: '',
			mixOptions: {
				layoutTemplate: 'tpl-1',
				maxIdleTime: 120,
				layoutPanes: '[{"user_id":"alice","x":0,"y":0,"width":640,"height":360}]',
			},
		});
		const body = {
			mix_param: {
				room_id: 'room02',
				encode_template: '1280*720_30_1710',
				max_idle_time: 120,
				layout_template: 'tpl-1',
				layout_panes: [{ user_id: 'alice', x: 0, y: 0, width: 640, height: 360 }],
			},
		};
		expect(last('POST', `${A}/mix-stream-jobs`).json).toEqual(body);
		await expectRequired('POST', `${A}/mix-stream-jobs`, body, [
			'mix_param',
			'mix_param.room_id',
			'mix_param.encode_template',
		]);
		const jobId = job.json.job_id as string;
		await run({
			resource: 'mixedRecording',
			operation: 'update',
			jobId,
			mixOptions: { backgroundImage: 'bg-1' },
		});
		expect(last('PUT', `${A}/mix-stream-jobs/${jobId}`).json).toEqual({
			mix_param: { background_image: 'bg-1' },
		});
		await expectRequired(
			'PUT',
			`${A}/mix-stream-jobs/${jobId}`,
			{ mix_param: { background_image: 'bg-1' } },
			['mix_param'],
		);
		const [got] = await run({ resource: 'mixedRecording', operation: 'get', jobId });
		expect(got.json).toMatchObject({ job_id: jobId });
		expect(last('GET', `${A}/mix-stream-jobs/${jobId}`)).toBeDefined();
		await run({ resource: 'mixedRecording', operation: 'stop', jobId });
		expect(last('DELETE', `${A}/mix-stream-jobs/${jobId}`)).toBeDefined();
		const badTemplate = await signedSend(sim, 'POST', `${A}/mix-stream-jobs`, {
			mix_param: { room_id: 'r', encode_template: '999*1' },
		});
		expect(badTemplate).toMatchObject({ status: 400, body: { error_code: 'RTC.00001003' } });
	});

	it('Auto Record: get, set on (with a rule) and off', async () => {
		const ruleId = await createRule();
		expect((await run({ resource: 'autoRecord', operation: 'get' }))[0].json).toMatchObject({
			auto_record_mode: { mode: 'AUTO_RECORD_OFF' },
		});
		await run({
			resource: 'autoRecord',
			operation: 'set',
			mode: 'AUTO_INDIVIDUAL_RECORD',
			recordRuleId: ruleId,
		});
		expect(last('PUT', `${A}/auto-record-mode`).json).toEqual({
			mode: 'AUTO_INDIVIDUAL_RECORD',
			record_rule_id: ruleId,
		});
		await expectRequired(
			'PUT',
			`${A}/auto-record-mode`,
			{ mode: 'AUTO_INDIVIDUAL_RECORD', record_rule_id: ruleId },
			['mode', 'record_rule_id'],
		);
		await run({ resource: 'autoRecord', operation: 'set', mode: 'AUTO_RECORD_OFF' });
		expect(last('PUT', `${A}/auto-record-mode`).json).toEqual({ mode: 'AUTO_RECORD_OFF' });
	});

	it('Room: remove users and dismiss answer 202; works with an IAM token too', async () => {
		sim.jobs.app(APP_ID).rooms.set('room03', new Set(['alice', 'bob', 'cid']));
		const [removed] = await run({
			resource: 'room',
			operation: 'removeUsers',
			roomId: 'room03',
			userIds: 'alice, bob',
		});
		expect(last('POST', `${A}/rooms/room03/batch-remove-users`).json).toEqual({
			user_ids: ['alice', 'bob'],
		});
		expect(removed.json).toEqual({
			appId: APP_ID,
			roomId: 'room03',
			removedUserIds: ['alice', 'bob'],
			accepted: true,
		});
		expect([...sim.jobs.app(APP_ID).rooms.get('room03')!]).toEqual(['cid']);
		await expectRequired('POST', `${A}/rooms/room03/batch-remove-users`, { user_ids: ['alice'] }, [
			'user_ids',
		]);
		const [dismissed] = await run(
			{ resource: 'room', operation: 'dismiss', roomId: 'room03' },
			iamCredential(sim),
		);
		expect(dismissed.json).toEqual({
			appId: APP_ID,
			roomId: 'room03',
			dismissed: true,
			accepted: true,
		});
		expect(last('POST', `${A}/rooms/room03/dismiss`).headers['x-auth-token']).toMatch(/^MII/);
		expect(sim.jobs.app(APP_ID).rooms.has('room03')).toBe(false);
	});

	it('refuses before sending: no job ID, no record format, non-array layout panes', async () => {
		await expect(
			run({ resource: 'individualRecording', operation: 'get', jobId: '' }),
		).rejects.toThrow('Enter the job ID');
		await expect(
			run({
				resource: 'recordRule',
				operation: 'create',
				obsLocation: 'cn-north-4',
				obsProjectId: 'p',
				obsBucket: 'b',
				recordFormats: [],
			}),
		).rejects.toThrow(/record format/);
		await expect(
			run({
				resource: 'mixedRecording',
				operation: 'update',
				jobId: 'j',
				mixOptions: { layoutPanes: '{"a":1}' },
			}),
		).rejects.toThrow(/JSON array/);
		expect(sim.log).toHaveLength(0);
	});
});
