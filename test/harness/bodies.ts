import type { IDataObject } from 'n8n-workflow';

/** A deep copy of `body` without the field at `path` ("a.b.c"), for "refused without X" checks. */
export function without(body: IDataObject, path: string): IDataObject {
	const copy = JSON.parse(JSON.stringify(body)) as IDataObject;
	const keys = path.split('.');
	const parent = keys.slice(0, -1).reduce<IDataObject>((o, k) => o[k] as IDataObject, copy);
	delete parent[keys.at(-1)!];
	return copy;
}
