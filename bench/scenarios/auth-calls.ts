/** c. Authentication calls counted by the simulators over 1,000 action executions. */
import { HuaweiCloudMeetingApi } from '../../credentials/HuaweiCloudMeetingApi.credentials';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { HuaweiCloudMeeting } from '../../nodes/HuaweiCloudMeeting/HuaweiCloudMeeting.node';
import { HuaweiCloudSparkRtc } from '../../nodes/HuaweiCloudSparkRtc/HuaweiCloudSparkRtc.node';
import { CredentialStore, runNode } from '../../test/harness/n8n';
import { HuaweiMeetingSimulator } from '../../test/simulator/huaweiMeeting';
import { HuaweiSparkRtcSimulator } from '../../test/simulator/huaweiSparkRtc';
import { log, results, rows } from '../report';

export async function authCalls() {
	const meeting = new HuaweiMeetingSimulator();
	meeting.apps.set('bench-app', { appKey: 'bench-app-key' });
	await meeting.start();
	const rtc = new HuaweiSparkRtcSimulator();
	rtc.iamUsers.set('bench', { domain: 'acct', password: 'pw' });
	rtc.apps.set('app', {});
	await rtc.start();
	try {
		const meetingStore = new CredentialStore(new HuaweiCloudMeetingApi(), {
			authType: 'appId',
			appId: 'bench-app',
			appSecret: 'bench-app-key',
			region: 'custom',
			customBaseUrl: meeting.baseUrl,
		});
		const rtcStore = new CredentialStore(new HuaweiCloudApi(), {
			authType: 'iam',
			username: 'bench',
			password: 'pw',
			domainName: 'acct',
			projectName: 'cn-north-4',
			rtcEndpoint: rtc.baseUrl,
			iamEndpoint: rtc.baseUrl,
		});
		const t = Date.now();
		for (let i = 0; i < 1000; i++) {
			await runNode(new HuaweiCloudMeeting(), meetingStore, {
				params: { resource: 'eventPush', operation: 'get', scope: 'enterprise', corpId: '1' },
			});
			await runNode(new HuaweiCloudSparkRtc(), rtcStore, {
				params: { resource: 'recordCallback', operation: 'get', appId: 'app' },
			});
		}
		results.authCalls = {
			executions: 1000,
			huaweiMeetingAppAuth: meeting.authCalls,
			huaweiIam: rtc.iamCalls,
			seconds: (Date.now() - t) / 1000,
		};
		rows.push([
			'c. Authentication calls over 1,000 executions (Huawei Meeting App ID / IAM token)',
			`${meeting.authCalls} / ${rtc.iamCalls}`,
			'',
			'1 per token lifetime',
			meeting.authCalls === 1 && rtc.iamCalls === 1 ? 'met' : 'missed',
		]);
		log(`auth calls over 1000 executions: meeting ${meeting.authCalls}, IAM ${rtc.iamCalls}`);
	} finally {
		await meeting.stop();
		await rtc.stop();
	}
}
