import { HuaweiCloudApi } from '../../../credentials/HuaweiCloudApi.credentials';
import { CredentialStore } from '../../harness/n8n';
import { HuaweiSparkRtcSimulator } from '../../simulator/huaweiSparkRtc';

export const AK = 'HPUAEXAMPLEACCESSKEY';
/** Generated per run: never a real key, never committed. */
export const SK = `sk-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
export const PROJECT_ID = '0123456789abcdef0123456789abcdef';
export const APP_ID = '5fcd123456789abcdefghijk';
export const IAM_PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;

export async function startRtcSimulator(): Promise<HuaweiSparkRtcSimulator> {
	const sim = new HuaweiSparkRtcSimulator();
	sim.accessKeys.set(AK, { secretKey: SK });
	sim.iamUsers.set('rtc-bot', { domain: 'my-account', password: IAM_PASSWORD });
	sim.apps.set(APP_ID, {});
	await sim.start();
	return sim;
}

export function akSkCredential(
	sim: HuaweiSparkRtcSimulator,
	extra: Record<string, unknown> = {},
): CredentialStore {
	return new CredentialStore(new HuaweiCloudApi(), {
		authType: 'akSk',
		accessKey: AK,
		secretKey: SK,
		projectId: PROJECT_ID,
		rtcEndpoint: sim.baseUrl,
		iamEndpoint: sim.baseUrl,
		...extra,
	} as never);
}

export function iamCredential(
	sim: HuaweiSparkRtcSimulator,
	extra: Record<string, unknown> = {},
): CredentialStore {
	return new CredentialStore(new HuaweiCloudApi(), {
		authType: 'iam',
		username: 'rtc-bot',
		password: IAM_PASSWORD,
		domainName: 'my-account',
		projectName: 'cn-north-4',
		rtcEndpoint: sim.baseUrl,
		iamEndpoint: sim.baseUrl,
		...extra,
	} as never);
}

export const FILE_COMPLETE = {
	event_type: 'RECORD_FILE_COMPLETE',
	stream_name: 'mystream',
	record_format: 'HLS',
	download_url: 'https://bucket.obs.cn-north-4.myhuaweicloud.com/Record/room01/x.m3u8',
	file_size: 26254952,
	record_duration: 65,
	start_time: '2021-04-28T08:56:57Z',
	end_time: '2021-04-28T08:58:02Z',
	width: 1280,
	height: 720,
	obs_location: 'http://obs.cn-north-4.myhuaweicloud.com',
	obs_bucket: 'bucket',
	obs_object: 'Record/room01/x.m3u8',
	app_id: APP_ID,
	job_id: '6081aaaa',
	room_id: 'room01',
};
