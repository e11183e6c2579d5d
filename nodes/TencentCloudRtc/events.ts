/**
 * The TRTC event-callback catalogue: groups (EventGroupId) and types (EventType) by name, and the
 * names of the documented codes (roles, terminals, reasons, recording statuses). A type this
 * version does not know is named `<group>.type<EventType>` and still reaches "All Events".
 */

/** Event groups by EventGroupId: the item's `eventGroup`. */
export const EVENT_GROUPS: Record<number, { name: string; label: string }> = {
	1: { name: 'room', label: 'Room' },
	2: { name: 'media', label: 'Media' },
	3: { name: 'recording', label: 'Cloud Recording' },
	4: { name: 'cdnRelay', label: 'Relay to CDN' },
	8: { name: 'webRecording', label: 'Web-Page Recording' },
	14: { name: 'transcription', label: 'AI Transcription' },
};

/** Event types by EventType: the item's `event` and the label shown in the Events list. */
export const EVENT_TYPES: Record<number, { name: string; label: string }> = {
	101: { name: 'room.created', label: 'Room Created' },
	102: { name: 'room.dismissed', label: 'Room Dismissed' },
	103: { name: 'room.userEntered', label: 'User Entered' },
	104: { name: 'room.userLeft', label: 'User Left' },
	105: { name: 'room.roleChanged', label: 'Role Changed' },
	201: { name: 'media.videoStarted', label: 'Video Started' },
	202: { name: 'media.videoStopped', label: 'Video Stopped' },
	203: { name: 'media.audioStarted', label: 'Audio Started' },
	204: { name: 'media.audioStopped', label: 'Audio Stopped' },
	205: { name: 'media.subStreamStarted', label: 'Screen Share (Sub-Stream) Started' },
	206: { name: 'media.subStreamStopped', label: 'Screen Share (Sub-Stream) Stopped' },
	301: { name: 'recording.recorderStarted', label: 'Recorder Started' },
	302: { name: 'recording.recorderStopped', label: 'Recorder Stopped' },
	303: { name: 'recording.uploadStarted', label: 'Upload Started' },
	304: { name: 'recording.playlistCreated', label: 'First M3U8 Uploaded' },
	305: { name: 'recording.uploadFinished', label: 'HLS Upload Finished' },
	306: { name: 'recording.failover', label: 'Task Migrated' },
	307: { name: 'recording.sliceCreated', label: 'M3U8 Created (First Slice)' },
	309: { name: 'recording.imageDownloadFailed', label: 'Image Download Failed' },
	310: { name: 'recording.mp4Finished', label: 'MP4 File Finished' },
	311: { name: 'recording.vodCommitted', label: 'File Uploaded to VOD' },
	312: { name: 'recording.vodFinished', label: 'VOD Task Finished' },
	401: { name: 'cdnRelay.status', label: 'CDN Relay Status' },
	801: { name: 'webRecording.started', label: 'Web Recording Started' },
	802: { name: 'webRecording.stopped', label: 'Web Recording Stopped' },
	803: { name: 'webRecording.statusChanged', label: 'Web Recording Status Changed' },
	804: { name: 'webRecording.limitReached', label: 'Web Recording Limit Reached' },
	1401: { name: 'transcription.started', label: 'Transcription Started' },
	1402: { name: 'transcription.stopped', label: 'Transcription Stopped' },
	1403: { name: 'transcription.sentence', label: 'Sentence Recognised' },
	1404: { name: 'transcription.translation', label: 'Sentence Translated' },
};

export function groupName(groupId: number): string {
	return EVENT_GROUPS[groupId]?.name ?? `group${groupId}`;
}

/** The event's name: catalogued, or `<group>.type<EventType>` for a type Tencent added later. */
export function eventName(groupId: number, type: number): string {
	const known = EVENT_TYPES[type];
	return known && Math.floor(type / 100) === groupId
		? known.name
		: `${groupName(groupId)}.type${type}`;
}

/**
 * The Events list: per group, "all of the group" (`<group>.*`, which also takes types added later),
 * then each type. Values are the names items carry in `event`.
 */
export function eventOptions(): Record<string, string> {
	const options: Record<string, string> = {};
	for (const [id, group] of Object.entries(EVENT_GROUPS)) {
		options[`${group.name}.*`] = `${group.label}: All (Group ${id})`;
		for (const [type, event] of Object.entries(EVENT_TYPES))
			if (event.name.startsWith(`${group.name}.`))
				options[event.name] = `${group.label}: ${event.label} (${type})`;
	}
	return options;
}

/** True when `event` (named) of `group` is in the selection ("*", the group's "<group>.*", or itself). */
export function selected(events: string[], group: string, event: string): boolean {
	return events.includes('*') || events.includes(`${group}.*`) || events.includes(event);
}

type Codes = Record<number, string>;

export const ROLES: Codes = { 20: 'anchor', 21: 'audience' };
export const TERMINALS: Codes = { 1: 'windows', 2: 'android', 3: 'ios', 4: 'linux', 100: 'other' };
export const USER_TYPES: Codes = { 1: 'webRtc', 2: 'miniProgram', 3: 'nativeSdk' };
/** Reason, by EventType (documented for 103 and 104 only). */
export const REASONS: Record<number, Codes> = {
	103: { 1: 'normal', 2: 'networkSwitch', 3: 'timeoutRetry', 4: 'crossRoomLink' },
	104: { 1: 'normal', 2: 'timeout', 3: 'removed', 4: 'crossRoomLinkEnded', 5: 'processKilled' },
};

/** Payload.Status names of the cloud-recording and web-recording types. */
export const STATUSES: Record<number, Codes> = {
	301: { 0: 'success', 1: 'failed' },
	303: { 0: 'success', 1: 'failed' },
	305: { 0: 'allUploaded' },
	306: { 0: 'migrated' },
	310: { 0: 'success', 1: 'fileHeld', 2: 'abnormalExit' },
	311: { 0: 'success', 1: 'fileHeld', 2: 'vodError' },
	312: { 0: 'normal', 1: 'abnormal' },
	401: { 2: 'pushing' },
	801: { 1: 'success', 2: 'failed', 3: 'abnormalExit', 4: 'migrated', 5: 'stopped' },
	802: { 1: 'stopped' },
	803: { 1: 'pageRefreshed', 2: 'paused', 3: 'resumed' },
	804: { 1: 'maxDuration', 2: 'resolutionTooHigh' },
};

/** Payload.LeaveCode names (302: why the recorder left; 305: the HLS upload's outcome). */
export const LEAVE_CODES: Record<number, Codes> = {
	302: {
		0: 'normalStop',
		1: 'robotRemovedByYou',
		2: 'roomDismissedByYou',
		3: 'robotRemovedByServer',
		4: 'roomDismissedByServer',
		99: 'idleTimeout',
		100: 'roomTimeout',
		101: 'duplicateUserId',
	},
	305: { 0: 'allUploaded', 1: 'filesHeld', 2: 'heldFilesUploaded' },
};

/** The name of a code, or null (undocumented code or field absent). */
export function named(codes: Codes | undefined, value: unknown): string | null {
	return typeof value === 'number' ? (codes?.[value] ?? null) : null;
}
