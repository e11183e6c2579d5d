/** Huawei's own AK/SK signer (@huaweicloud/huaweicloud-sdk-core, devDependency only): the tests' oracle. */
import type { QueryParams } from '../../../nodes/HuaweiCloudSparkRtc/signer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
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
