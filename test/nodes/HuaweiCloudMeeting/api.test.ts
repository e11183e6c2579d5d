/** nodes/HuaweiCloudMeeting/api.ts: the event-push status codes. */
import { EVENT_PUSH_STATUS, eventPushStatusName } from '../../../nodes/HuaweiCloudMeeting/api';

describe('event-push status codes', () => {
	it('follow the API reference and the SDK: 0 enabled, 1 disabled, 2 locked', () => {
		expect(EVENT_PUSH_STATUS).toEqual({ enabled: 0, disabled: 1, locked: 2 });
		expect([0, 1, 2, 7].map(eventPushStatusName)).toEqual([
			'enabled',
			'disabled',
			'locked',
			'unknown',
		]);
	});
});
