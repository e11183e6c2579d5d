/** Huawei's own AK/SK signer (@huaweicloud/huaweicloud-sdk-core, devDependency only): the tests' oracle. */
import type { QueryParams } from '../../../nodes/HuaweiCloudSparkRtc/signer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
	AKSKSigner: {
		sign(
			request: {
				method: string;
				endpoint: string;
				queryParams: QueryParams;
				headers: Record<string, string>;
				data?: unknown;
			},
			credential: { getAk(): string; getSk(): string },
		): Record<string, string>;
	};
};

/**
 * The Authorization header Huawei's signer computes. It sorts repeated query values in place, so it is
 * given copies.
 */
export function oracleAuthorization(
	method: string,
	url: string,
	query: QueryParams,
	headers: Record<string, string>,
	data: unknown,
	ak: string,
	sk: string,
): string {
	const copy: QueryParams = Object.fromEntries(
		Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]),
	);
	return AKSKSigner.sign(
		{ method, endpoint: url, queryParams: copy, headers: { ...headers }, data },
		{ getAk: () => ak, getSk: () => sk },
	).Authorization;
}
