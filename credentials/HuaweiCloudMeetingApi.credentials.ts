import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	API_CLIENT_TYPE,
	appIdAuthRequest,
	meetingBaseUrl,
	tokenRenewAt,
	tokenIsFresh,
} from '../nodes/HuaweiCloudMeeting/auth';
import { randomNonce } from '../nodes/shared/crypto';
import { AuthenticationError, baseUrlFor, requestDefaults } from '../nodes/shared/http';

export class HuaweiCloudMeetingApi implements ICredentialType {
	name = 'huaweiCloudMeetingApi';

	// Stryker disable all: the name and help link n8n's editor shows (data, checked by the dist test)
	displayName = 'Huawei Cloud Meeting API';

	icon: Icon = { light: 'file:huaweiCloudMeeting.svg', dark: 'file:huaweiCloudMeeting.dark.svg' };

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-meeting/meeting_21_0311.html';
	// Stryker restore all

	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'App ID',
					value: 'appId',
					description: 'App ID and App Key from the Meeting console (App management)',
				},
				{ name: 'Account and Password', value: 'account' },
				{ name: 'Access Token', value: 'token', description: 'An access token obtained elsewhere' },
			],
			default: 'appId',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['appId'] } },
		},
		{
			displayName: 'App Key',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['appId'] } },
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			description:
				'Third-party user ID to act as. Leave empty to act as the enterprise default administrator (needed for event push).',
			displayOptions: { show: { authType: ['appId'] } },
		},
		{
			displayName: 'Multi-Tenant (SP) App ID',
			name: 'spMode',
			type: 'boolean',
			default: false,
			description:
				'Whether the App ID belongs to a service provider (SP) managing several enterprises',
			displayOptions: { show: { authType: ['appId'] } },
		},
		{
			displayName: 'Corp ID',
			name: 'corpId',
			type: 'string',
			default: '',
			description: 'Enterprise to act in. Leave empty to act as the SP default administrator.',
			displayOptions: { show: { authType: ['appId'], spMode: [true] } },
		},
		{
			displayName: 'Account',
			name: 'account',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['account'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['account'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as X-Access-Token. It is not renewed: paste a new one when it expires.',
			displayOptions: { show: { authType: ['token'] } },
		},
		{
			displayName: 'API Base URL',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'China (api.meeting.huaweicloud.com)', value: 'china' },
				{ name: 'International (api-intl.meeting.huaweicloud.com)', value: 'international' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'china',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.meeting.example.com',
			description: 'For white-label deployments, proxies and local simulators',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Token Renew At',
			name: 'sessionRenewAt',
			type: 'hidden',
			default: 0,
		},
	];
	// Stryker restore all

	/**
	 * Obtains an access token. n8n calls this when the cached token is empty, when a request was
	 * answered 401 (then the request is sent again once), and when the credential is tested.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authType === 'token') {
			return { sessionToken: credentials.accessToken as string, sessionRenewAt: 0 };
		}
		const baseURL = meetingBaseUrl(credentials);
		const now = Date.now();
		let request: IHttpRequestOptions;
		if (credentials.authType === 'account') {
			const basic = Buffer.from(
				`${credentials.account as string}:${credentials.password as string}`,
			).toString('base64');
			request = {
				method: 'POST',
				baseURL,
				url: '/v1/usg/acs/auth/account',
				headers: {
					Authorization: `Basic ${basic}`,
					'Content-Type': 'application/json; charset=UTF-8',
				},
				body: { account: credentials.account, clientType: API_CLIENT_TYPE },
				json: true,
				timeout: requestDefaults.timeoutMs,
			};
		} else {
			const { authorization, body } = appIdAuthRequest({
				appId: credentials.appId as string,
				appKey: credentials.appSecret as string,
				userId: (credentials.userId as string) || undefined,
				spCorpId: credentials.spMode ? ((credentials.corpId as string) ?? '') : undefined,
				expireTime: Math.floor(now / 1000) + 300,
				nonce: randomNonce(48),
			});
			request = {
				method: 'POST',
				baseURL,
				url: '/v2/usg/acs/auth/appauth',
				headers: {
					Authorization: authorization,
					'X-Token-Type': 'LongTicket',
					'Content-Type': 'application/json; charset=UTF-8',
				},
				body,
				json: true,
				timeout: requestDefaults.timeoutMs,
			};
		}
		let response: IDataObject;
		try {
			response = (await this.helpers.httpRequest(request)) as IDataObject;
		} catch (error) {
			const what =
				credentials.authType === 'account' ? 'account and password' : 'App ID and App Key';
			throw AuthenticationError.from(
				error,
				'Huawei Cloud Meeting',
				`Check the credential's ${what} and API base URL.`,
			);
		}
		if (typeof response?.accessToken !== 'string' || response.accessToken === '') {
			throw new AuthenticationError('Huawei Cloud Meeting authentication returned no access token');
		}
		return { sessionToken: response.accessToken, sessionRenewAt: tokenRenewAt(response, now) };
	}

	/**
	 * Adds the base URL and the X-Access-Token header. A token past its renewal time (10 minutes
	 * before it expires) is not sent: the API answers 401 and n8n fetches a new token once (preAuthentication) and retries.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		if (tokenIsFresh(credentials, Date.now()))
			headers['X-Access-Token'] = credentials.sessionToken as string;
		return {
			...requestOptions,
			baseURL: baseUrlFor(requestOptions, () => meetingBaseUrl(credentials)),
			headers,
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/v1/usg/acs/token/validate',
			body: {
				token: '={{$credentials.sessionToken}}',
				needGenNewToken: false,
				needAccountInfo: false,
			},
		},
	};
}
