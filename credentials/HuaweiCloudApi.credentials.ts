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
	IAM_ENDPOINT,
	IAM_RENEW_MARGIN_MS,
	iamPasswordBody,
	RTC_ENDPOINT,
	signHttpRequestOptions,
	trimUrl,
} from '../nodes/HuaweiCloudSparkRtc/auth';
import { AuthenticationError, baseUrlFor, requestDefaults } from '../nodes/shared/http';
import { beforeRenewTime, renewTime } from '../nodes/shared/time';

export class HuaweiCloudApi implements ICredentialType {
	name = 'huaweiCloudApi';

	// Stryker disable all: the name and help link n8n's editor shows (data, checked by the dist test)
	displayName = 'Huawei Cloud API';

	icon: Icon = { light: 'file:huaweiCloudSparkRtc.svg', dark: 'file:huaweiCloudSparkRtc.dark.svg' };

	documentationUrl =
		'https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-provide.html';
	// Stryker restore all

	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Access Key (AK/SK)',
					value: 'akSk',
					description: 'Requests are signed with SDK-HMAC-SHA256',
				},
				{
					name: 'IAM User Token',
					value: 'iam',
					description: 'A token obtained from IAM with an IAM user password',
				},
				{
					name: 'Token',
					value: 'token',
					description: 'An IAM token obtained elsewhere (X-Auth-Token)',
				},
			],
			default: 'akSk',
		},
		{
			displayName: 'Access Key ID (AK)',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['akSk'] } },
		},
		{
			displayName: 'Secret Access Key (SK)',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['akSk'] } },
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary AK/SK: sent (and signed) as X-Security-Token',
			displayOptions: { show: { authType: ['akSk'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description:
				'Sent as X-Project-Id (required by SparkRTC with AK/SK). Console → My Credentials → API Credentials.',
			displayOptions: { show: { authType: ['akSk'] } },
		},
		{
			displayName: 'IAM User Name',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['iam'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['iam'] } },
		},
		{
			displayName: 'Account (Domain) Name',
			name: 'domainName',
			type: 'string',
			default: '',
			required: true,
			description: 'The Huawei Cloud account that owns the IAM user',
			displayOptions: { show: { authType: ['iam'] } },
		},
		{
			displayName: 'Project (Region) Name',
			name: 'projectName',
			type: 'string',
			default: 'cn-north-4',
			description: 'The project the token is scoped to; SparkRTC uses cn-north-4',
			displayOptions: { show: { authType: ['iam'] } },
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as X-Auth-Token; not renewed',
			displayOptions: { show: { authType: ['token'] } },
		},
		{
			displayName: 'SparkRTC Endpoint',
			name: 'rtcEndpoint',
			type: 'string',
			default: RTC_ENDPOINT,
			description:
				'SparkRTC is a global service with one endpoint; change it only for a proxy or simulator',
		},
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: IAM_ENDPOINT,
			description: 'Global IAM, or a regional one such as https://iam.cn-north-4.myhuaweicloud.com',
		},
		{
			displayName: 'IAM Token',
			name: 'iamToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'IAM Token Renew At',
			name: 'iamRenewAt',
			type: 'hidden',
			default: 0,
		},
	];
	// Stryker restore all

	/** IAM mode: obtains a token (X-Subject-Token) when none is cached, after a 401, and on Test. */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		if (credentials.authType === 'token')
			return { iamToken: credentials.token as string, iamRenewAt: 0 };
		if (credentials.authType !== 'iam') return {};
		let response: { headers?: IDataObject; body?: IDataObject };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${trimUrl(credentials.iamEndpoint, IAM_ENDPOINT)}/v3/auth/tokens`,
				qs: { nocatalog: 'true' },
				headers: { 'Content-Type': 'application/json;charset=utf8' },
				body: iamPasswordBody(credentials),
				json: true,
				returnFullResponse: true,
				timeout: requestDefaults.timeoutMs,
			})) as { headers?: IDataObject; body?: IDataObject };
		} catch (error) {
			throw AuthenticationError.from(
				error,
				'Huawei Cloud IAM',
				'Check the IAM user name, password, account name, project and IAM endpoint.',
			);
		}
		const token = response.headers?.['x-subject-token'];
		if (typeof token !== 'string' || !token)
			throw new AuthenticationError('Huawei Cloud IAM returned no X-Subject-Token');
		const expiresAt = Date.parse(
			String((response.body?.token as IDataObject | undefined)?.expires_at ?? ''),
		);
		const now = Date.now();
		const renewAt = Number.isFinite(expiresAt)
			? renewTime(expiresAt, now, IAM_RENEW_MARGIN_MS)
			: now + 23 * 3600_000;
		return { iamToken: token, iamRenewAt: renewAt };
	}

	/**
	 * AK/SK: signs the request (SDK-HMAC-SHA256). Token modes: X-Auth-Token, left out once past its
	 * renewal time so that the API answers 401 and n8n fetches a new token once.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const options: IHttpRequestOptions = {
			...requestOptions,
			baseURL: baseUrlFor(requestOptions, () => trimUrl(credentials.rtcEndpoint, RTC_ENDPOINT)),
			headers: { ...(requestOptions.headers ?? {}) },
		};
		if (credentials.authType === 'akSk' || !credentials.authType)
			return signHttpRequestOptions(options, credentials);
		const fresh =
			credentials.authType === 'token' || beforeRenewTime(credentials.iamRenewAt, Date.now());
		if (credentials.iamToken && fresh)
			options.headers!['X-Auth-Token'] = credentials.iamToken as string;
		return options;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{$credentials.iamEndpoint}}',
			url: '/v3/projects',
		},
	};
}
