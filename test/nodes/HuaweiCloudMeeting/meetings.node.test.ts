/**
 * The Huawei Cloud Meeting node's Meeting, Participant and Recording operations over real HTTP:
 * the documented method, path, query and body, paging past one page, and the documented errors.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HuaweiCloudMeeting } from '../../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import type { CredentialStore } from '../../harness/n8n';
import { runNode } from '../../harness/n8n';
import type { HuaweiMeetingSimulator } from '../../simulator/huaweiMeeting';
import type { SimMeeting } from '../../simulator/huaweiMeetings';
import { appIdCredential, startMeetingSimulator } from './setup';

const node = new HuaweiCloudMeeting();
const C = '/v1/mmc/management/conferences';

describe('Huawei Cloud Meeting node: meetings, participants, recordings', () => {
	let sim: HuaweiMeetingSimulator;
	let store: CredentialStore;
	beforeEach(async () => {
		sim = await startMeetingSimulator();
		store = appIdCredential(sim);
	});
	afterEach(async () => await sim.stop());

	const run = async (params: IDataObject) => await runNode(node, store, { params });
	const fail = async (params: IDataObject) =>
		(await run(params).then(
			() => new Error('no error'),
			(e: unknown) => e,
		)) as NodeApiError;
	const query = (r: { query: URLSearchParams }) => Object.fromEntries(r.query);

	describe('Meeting', () => {
		it('Create POSTs the documented body (UTC "yyyy-MM-dd HH:mm" start) and returns the meeting', async () => {
			const out = await run({
				resource: 'meeting',
				operation: 'create',
				subject: 'Q4 planning 规划 🚀',
				startTime: '2026-12-01T10:30:00+08:00',
				length: 90,
				mediaTypes: ['Voice', 'Video'],
				additionalFields: {
					attendees: { attendee: [{ name: 'Ann', email: 'ann@example.com', phone: '', role: 1 }] },
					isAutoRecord: true,
					timeZoneID: '56',
				},
			});
			const request = sim.requests('POST', C)[0];
			expect(request.json).toEqual({
				subject: 'Q4 planning 规划 🚀',
				mediaTypes: 'Voice,Video',
				length: 90,
				startTime: '2026-12-01 02:30',
				attendees: [{ name: 'Ann', email: 'ann@example.com', role: 1 }],
				isAutoRecord: 1,
				timeZoneID: '56',
			});
			expect(request.headers['content-type']).toMatch(/^application\/json/);
			expect(out).toHaveLength(1);
			expect(out[0].json).toMatchObject({
				subject: 'Q4 planning 规划 🚀',
				startTime: '2026-12-01T02:30:00.000Z',
				endTime: '2026-12-01T04:00:00.000Z',
				state: 'Schedule',
				stateName: 'scheduled',
			});
			expect(out[0].json).not.toHaveProperty('chairJoinUri');
			expect(JSON.stringify(out[0].json)).not.toContain('chairJoinUri');
		});

		it('Create without a start time starts the meeting now; the simulator refuses what Huawei refuses', async () => {
			await run({
				resource: 'meeting',
				operation: 'create',
				subject: 'Now',
				length: 30,
				mediaTypes: ['Voice'],
			});
			expect(sim.requests('POST', C)[0].json).toEqual({
				subject: 'Now',
				mediaTypes: 'Voice',
				length: 30,
			});
			const tooShort = await fail({
				resource: 'meeting',
				operation: 'create',
				subject: 'x',
				length: 5,
				mediaTypes: ['Voice'],
			});
			expect(tooShort).toBeInstanceOf(NodeApiError);
			expect(tooShort.message).toMatch(
				/Create meeting failed \(MMC\.111000001: length must be an integer from 15 to 1440\)/,
			);
			const noMedia = await fail({
				resource: 'meeting',
				operation: 'create',
				subject: 'x',
				mediaTypes: [],
			});
			expect(noMedia).toBeInstanceOf(NodeOperationError);
			expect(sim.requests('POST', C)).toHaveLength(2);
		});

		it('Get by ID reads confDetail; by UUID reads the history; host secrets only when asked', async () => {
			const m = sim.meetings.add();
			const [running] = await run({
				resource: 'meeting',
				operation: 'get',
				lookupBy: 'id',
				meetingId: m.conferenceID,
			});
			expect(query(sim.requests('GET', `${C}/confDetail`)[0])).toEqual({
				conferenceID: m.conferenceID,
			});
			expect(running.json).toMatchObject({
				id: m.conferenceID,
				subject: m.subject,
				host: 'Tom',
				stateName: 'running',
			});
			expect(JSON.stringify(running.json)).not.toContain(m.chairJoinUri);

			m.conferenceState = 'Destroyed';
			const [ended] = await run({
				resource: 'meeting',
				operation: 'get',
				lookupBy: 'uuid',
				meetingUuid: m.confUUID,
				options: { includeHostSecrets: true },
			});
			expect(query(sim.requests('GET', `${C}/history/confDetail`)[0])).toEqual({
				confUUID: m.confUUID,
			});
			expect(ended.json).toMatchObject({ stateName: 'ended', chairJoinUri: m.chairJoinUri });

			const missing = await fail({
				resource: 'meeting',
				operation: 'get',
				lookupBy: 'id',
				meetingId: m.conferenceID,
			});
			expect(missing.message).toBe(
				'Huawei Cloud Meeting: Get meeting failed (MMC.111070005: conference does not exist or has ended)',
			);
			expect(missing.httpCode).toBe('400');
		});

		it('Get Many pages with offset/limit (500 a page) until count; Limit stops early', async () => {
			for (let i = 0; i < 1102; i++) sim.meetings.add({ conferenceID: String(800_000_000 + i) });
			const all = await run({
				resource: 'meeting',
				operation: 'getAll',
				returnAll: true,
				filters: { queryAll: true },
			});
			expect(all).toHaveLength(1102);
			expect(new Set(all.map((i) => i.json.id)).size).toBe(1102);
			expect(sim.requests('GET', C).map(query)).toEqual([
				{ queryAll: 'true', offset: '0', limit: '500' },
				{ queryAll: 'true', offset: '500', limit: '500' },
				{ queryAll: 'true', offset: '1000', limit: '500' },
			]);
			sim.log.length = 0;
			const some = await run({
				resource: 'meeting',
				operation: 'getAll',
				returnAll: false,
				limit: 30,
				filters: { queryConfMode: 'AWEEK', searchKey: '' },
			});
			expect(some).toHaveLength(30);
			expect(sim.requests('GET', C).map(query)).toEqual([
				{ queryConfMode: 'AWEEK', offset: '0', limit: '30' },
			]);
		});

		it('Cancel sends conferenceID; End adds type=1; cancelling a running meeting is the documented error', async () => {
			const scheduled = sim.meetings.add({ conferenceState: 'Schedule' });
			expect(
				(
					await run({ resource: 'meeting', operation: 'cancel', meetingId: scheduled.conferenceID })
				)[0].json,
			).toEqual({
				meetingId: scheduled.conferenceID,
				cancelled: true,
			});
			expect(query(sim.requests('DELETE', C)[0])).toEqual({ conferenceID: scheduled.conferenceID });
			expect(sim.meetings.meetings.has(scheduled.conferenceID)).toBe(false);

			const running = sim.meetings.add();
			const refused = await fail({
				resource: 'meeting',
				operation: 'cancel',
				meetingId: running.conferenceID,
			});
			expect(refused.message).toMatch(/Cancel meeting failed \(MMC\.111070008/);
			const [ended] = await run({
				resource: 'meeting',
				operation: 'end',
				meetingId: running.conferenceID,
			});
			expect(ended.json).toEqual({ meetingId: running.conferenceID, ended: true });
			expect(query(sim.requests('DELETE', C).at(-1)!)).toEqual({
				conferenceID: running.conferenceID,
				type: '1',
			});
			expect(running.conferenceState).toBe('Destroyed');
		});
	});

	describe('Participant', () => {
		let m: SimMeeting;
		beforeEach(() => {
			m = sim.meetings.add();
			m.online = Array.from({ length: 620 }, (_, i) => ({
				participant_id: `p${i}`,
				name: `Person ${i}`,
				call_number: `+86${i}`,
				role: i === 0 ? 1 : 0,
				account: `acc${i}`,
				user_id: `u${i}`,
			}));
		});

		it('Get Many of a running meeting pages through online/conf-attendee with conf_id', async () => {
			const out = await run({
				resource: 'participant',
				operation: 'getAll',
				meetingId: m.conferenceID,
				returnAll: true,
			});
			expect(out).toHaveLength(620);
			expect(out[0].json).toMatchObject({ name: 'Person 0', roleName: 'chair' });
			expect(out[1].json.roleName).toBe('participant');
			expect(sim.requests('GET', `${C}/online/conf-attendee`).map(query)).toEqual([
				{ conf_id: m.conferenceID, offset: '0', limit: '500' },
				{ conf_id: m.conferenceID, offset: '500', limit: '500' },
			]);
		});

		it('Get Attendance of an ended meeting reads history/confAttendeeRecord with ISO times', async () => {
			m.conferenceState = 'Destroyed';
			m.attendance = [
				{
					displayName: 'Ann',
					callNumber: '+861',
					joinTime: 1764064800000,
					leftTime: 1764068400000,
				},
			];
			const out = await run({
				resource: 'participant',
				operation: 'getAttendance',
				meetingUuid: m.confUUID,
				returnAll: false,
				limit: 10,
				searchKey: 'Ann',
			});
			expect(out[0].json).toMatchObject({
				displayName: 'Ann',
				joinTimeIso: '2025-11-25T10:00:00.000Z',
				leftTimeIso: '2025-11-25T11:00:00.000Z',
			});
			expect(query(sim.requests('GET', `${C}/history/confAttendeeRecord`)[0])).toEqual({
				confUUID: m.confUUID,
				searchKey: 'Ann',
				offset: '0',
				limit: '10',
			});
			const running = await fail({
				resource: 'participant',
				operation: 'getAttendance',
				meetingUuid: sim.meetings.add().confUUID,
				returnAll: true,
			});
			expect(running.message).toMatch(/MMC\.111070005/);
		});
	});

	describe('Recording', () => {
		let m: SimMeeting;
		beforeEach(() => {
			m = sim.meetings.add({ conferenceState: 'Destroyed', startTime: '2026-11-20 09:00' });
			m.recordingUrls = [
				{ fileType: 'Hd', url: 'https://record.example/hd.mp4' },
				{ fileType: 'Aux', url: 'https://record.example/aux.mp4' },
			];
		});

		it('Get Many sends startDate/endDate (ms) and pages', async () => {
			const out = await run({
				resource: 'recording',
				operation: 'getAll',
				returnAll: true,
				startDate: '2026-11-01T00:00:00Z',
				endDate: '2026-11-25T00:00:00Z',
				filters: { searchKey: '' },
			});
			expect(query(sim.requests('GET', '/v1/mmc/management/record/files')[0])).toEqual({
				startDate: String(Date.parse('2026-11-01T00:00:00Z')),
				endDate: String(Date.parse('2026-11-25T00:00:00Z')),
				offset: '0',
				limit: '500',
			});
			expect(out).toHaveLength(1);
			expect(out[0].json).toMatchObject({
				confUUID: m.confUUID,
				subject: m.subject,
				startTimeIso: '2026-11-20T09:00:00.000Z',
				durationSeconds: 3540,
			});
			const none = await run({
				resource: 'recording',
				operation: 'getAll',
				returnAll: true,
				startDate: '2026-11-21T00:00:00Z',
				endDate: '2026-11-25T00:00:00Z',
			});
			expect(none).toHaveLength(0);
		});

		it("Get reads one meeting's recording by confUUID", async () => {
			const [item] = await run({
				resource: 'recording',
				operation: 'get',
				meetingUuid: m.confUUID,
			});
			expect(query(sim.requests('GET', `${C}/record/files`)[0])).toEqual({ confUUID: m.confUUID });
			expect(item.json).toMatchObject({
				confUUID: m.confUUID,
				url: ['https://record.example/hd.mp4', 'https://record.example/aux.mp4'],
			});
		});

		it('Get Download Links returns every file link', async () => {
			const [item] = await run({
				resource: 'recording',
				operation: 'getDownloadLinks',
				meetingUuid: m.confUUID,
			});
			expect(query(sim.requests('GET', '/v1/mmc/management/record/downloadurls')[0])).toEqual({
				confUUID: m.confUUID,
				offset: '0',
				limit: '500',
			});
			expect(item.json).toMatchObject({
				meetingUuid: m.confUUID,
				urls: ['https://record.example/hd.mp4', 'https://record.example/aux.mp4'],
				links: [
					{
						fileType: 'Hd',
						url: 'https://record.example/hd.mp4',
						token: expect.stringMatching(/^[0-9a-f]{32}$/),
					},
					{ fileType: 'Aux', url: 'https://record.example/aux.mp4', token: expect.any(String) },
				],
			});
			const missing = await fail({
				resource: 'recording',
				operation: 'getDownloadLinks',
				meetingUuid: 'nope',
			});
			expect(missing.message).toMatch(/Get recording download links failed \(MMC\.111070005/);
		});
	});
});
