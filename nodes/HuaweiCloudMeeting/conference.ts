/**
 * Conference-control push messages (ConfBasicInfoNotify and its siblings): schemas, named enums and
 * the items a no-code user maps. Incremental messages are applied to the state kept per session, so
 * that each item says what changed.
 */
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { msToIso } from '../shared/time';

export const CONFERENCE_MESSAGES = {
	ConfBasicInfoNotify: 'Basic Meeting Info',
	ConfDynamicInfoNotify: 'Meeting Status (Dynamic Info)',
	ParticipantsNotify: 'Participants',
	AttendeesNotify: 'Attendees',
	SpeakerChangeNotify: 'Speaker Changed',
	InviteResultNotify: 'Invite Result',
	RealTimeSubtitleNotify: 'Real-Time Subtitle',
	WaitingListNotify: 'Waiting List',
	InterpreterGroupNotify: 'Interpreter Group',
	NetConditionNotify: 'Network Condition (MCU, Legacy)',
} as const;
export type ConferenceMessage = keyof typeof CONFERENCE_MESSAGES;

/**
 * Descriptions of the options that need more than their action name. NetConditionNotify has its own
 * page (meeting_21_1517) but Huawei's 2025 subscription page no longer lists it among the types.
 */
export const CONFERENCE_MESSAGE_NOTES: Partial<Record<ConferenceMessage, string>> = {
	NetConditionNotify:
		"NetConditionNotify: per-participant network quality of MCU meetings (round-trip time, jitter, packet loss, bitrate). Huawei's current docs no longer list it among the subscription types, so it may never arrive.",
};

export const REC_TYPE: Record<number, string> = {
	0: 'disabled',
	1: 'recording',
	2: 'recordingAndLive',
	3: 'liveOnly',
};
export const MEDIA: Record<number, string> = { 1: 'voice', 2: 'video' };
export const USER_TYPE: Record<number, string> = {
	0: 'systemAdministrator',
	1: 'spAdministrator',
	2: 'enterpriseMember',
	3: 'registeredUser',
	4: 'temporaryAccount',
	10: 'enterpriseDevice',
	11: 'anonymousUser',
	12: 'smartTvUser',
	13: 'ideaHub',
	14: 'whiteboard',
};
export const CALL_IN_RESTRICTION: Record<number, string> = {
	0: 'everyone',
	2: 'enterpriseUsers',
	3: 'invitedUsers',
};
export const CONF_MODE: Record<string, string> = { COMMON: 'common', RTC: 'rtc' };
export const PASSWORD_ROLE: Record<string, string> = { chair: 'host', general: 'participant' };
/** NetConditionNotify `data[].mode`. */
export const NET_CONDITION_MODE: Record<number, string> = { 0: 'refresh', 1: 'remove' };
export const PARTICIPANT_ROLE: Record<string, string> = {
	'0': 'participant',
	'1': 'host',
	'2': 'audience',
};

const num = z.union([
	z.number(),
	z
		.string()
		.regex(/^-?\d+$/)
		.transform(Number),
]);
const text = z.union([z.string(), z.number().transform(String)]);

/** Fields of every *Notify frame. */
export const frameSchema = z
	.object({
		action: z.string().min(1),
		version: num.optional(),
		createTime: num.optional(),
		msgID: text.optional(),
		msgMode: num.optional(),
		confID: text.optional(),
	})
	.passthrough();
export type Frame = z.infer<typeof frameSchema>;

const basicSchema = frameSchema.extend({
	displayID: text.optional(),
	title: z.string().optional(),
	startTime: num.optional(),
	scheduledStartTime: num.optional(),
	pwds: z.array(z.object({ role: z.string(), pwd: z.string() }).passthrough()).optional(),
	recType: num.optional(),
	media: num.optional(),
	owner: z.string().optional(),
	ownerID: text.optional(),
	userType: num.optional(),
	supportWatermark: num.optional(),
	guestJoinUri: z.string().optional(),
	callInRestriction: num.optional(),
	confMode: z.string().optional(),
	realTimeSubtitle: num.optional(),
});

const participantsSchema = frameSchema.extend({
	data: z
		.array(
			z
				.object({
					pid: text,
					mode: num.optional(),
					pinfoMap: z.record(z.string(), z.unknown()).optional(),
				})
				.passthrough(),
		)
		.default([]),
});

const named = (map: Record<string | number, string>, value: unknown) =>
	value === undefined || value === null
		? null
		: (map[value as string] ?? `unknown (${String(value)})`);

/** Documented as String (numbers in text), `bandwidth` as Integer; null or absent tolerated. */
const metric = z.union([z.number(), z.string()]).nullish();
const label = z.string().nullish();

const netConditionEntry = z
	.object({
		participantID: text,
		mode: num.nullish(),
		netInfo: label,
		delay: metric,
		jitter: metric,
		outJitter: metric,
		audioCodecType: label,
		videoCodecType: label,
		fluxIn: metric,
		fluxOut: metric,
		videoFluxIn: metric,
		videoFluxOut: metric,
		assistVideoFluxIn: metric,
		assistVideoFluxOut: metric,
		lostPacketRate: metric,
		audioOutLossPacketRate: metric,
		videoInLossPacketRate: metric,
		videoOutLossPacketRate: metric,
		assistVideoInLossPacketRate: metric,
		assistVideoOutLossPacketRate: metric,
		bandwidth: metric,
	})
	.passthrough();
const NET_CONDITION_FIELDS = new Set(Object.keys(netConditionEntry.shape));

const netConditionSchema = frameSchema.extend({
	data: z.array(netConditionEntry).nullish(),
});

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A documented metric as a number, divided by `unit` (100: 0.01 % → %; 10: 100 bit/s → kbit/s). */
function measure(value: unknown, unit = 1): number | null {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && DECIMAL.test(value.trim())
				? Number(value.trim())
				: NaN;
	return Number.isFinite(n) ? n / unit : null;
}

/**
 * One participant's quality, by direction. Documented: `jitter`, `lostPacketRate` and `fluxOut` go
 * terminal → server; `outJitter`, `audioOutLossPacketRate` and `fluxIn` server → terminal (the traffic
 * fields' "In" points the other way from the loss fields'). The video and screen-share fields follow
 * the audio ones by analogy (direction and unit not stated by Huawei).
 */
function netCondition(entry: z.infer<typeof netConditionEntry>): IDataObject {
	const otherFields: IDataObject = {};
	for (const [key, value] of Object.entries(entry))
		if (!NET_CONDITION_FIELDS.has(key)) otherFields[key] = value as IDataObject[string];
	const mode = entry.mode ?? null;
	return {
		participantId: String(entry.participantID),
		mode,
		modeName: named(NET_CONDITION_MODE, mode),
		removed: mode === 1,
		networkRating: entry.netInfo ?? null,
		roundTripTimeMs: measure(entry.delay),
		audioCodec: entry.audioCodecType ?? null,
		videoCodec: entry.videoCodecType ?? null,
		bandwidth: measure(entry.bandwidth),
		upstream: {
			videoJitterMs: measure(entry.jitter),
			audioLossPercent: measure(entry.lostPacketRate, 100),
			videoLossPercent: measure(entry.videoInLossPacketRate, 100),
			screenShareLossPercent: measure(entry.assistVideoInLossPacketRate, 100),
			audioKbps: measure(entry.fluxOut, 10),
			videoKbps: measure(entry.videoFluxOut, 10),
			screenShareKbps: measure(entry.assistVideoFluxOut, 10),
		},
		downstream: {
			videoJitterMs: measure(entry.outJitter),
			audioLossPercent: measure(entry.audioOutLossPacketRate, 100),
			videoLossPercent: measure(entry.videoOutLossPacketRate, 100),
			screenShareLossPercent: measure(entry.assistVideoOutLossPacketRate, 100),
			audioKbps: measure(entry.fluxIn, 10),
			videoKbps: measure(entry.videoFluxIn, 10),
			screenShareKbps: measure(entry.assistVideoFluxIn, 10),
		},
		otherFields,
	};
}

/** State a session keeps to apply incremental messages. */
export interface ConferenceState {
	dynamic: IDataObject;
	participants: Map<string, IDataObject>;
}

export function newConferenceState(): ConferenceState {
	return { dynamic: {}, participants: new Map() };
}

const MASK = '******';

function common(frame: Frame): IDataObject {
	return {
		action: frame.action,
		messageName: CONFERENCE_MESSAGES[frame.action as ConferenceMessage] ?? frame.action,
		confId: frame.confID ?? null,
		msgId: frame.msgID ?? null,
		msgMode: frame.msgMode === 1 ? 'incremental' : 'full',
		version: frame.version ?? null,
		createTime: msToIso(frame.createTime) ?? null,
		createTimeMs: frame.createTime ?? null,
	};
}

/** The item for one message. Throws (zod) when a known message does not have its documented shape. */
export function toConferenceItem(
	message: unknown,
	state: ConferenceState,
	includePasswords: boolean,
): IDataObject {
	const frame = frameSchema.parse(message);
	const raw = message as IDataObject;
	const item = common(frame);
	switch (frame.action) {
		case 'ConfBasicInfoNotify': {
			const m = basicSchema.parse(message);
			Object.assign(item, {
				displayId: m.displayID ?? null,
				title: m.title ?? null,
				startTime: msToIso(m.startTime) ?? null,
				startTimeMs: m.startTime ?? null,
				scheduledStartTime: msToIso(m.scheduledStartTime) ?? null,
				scheduledStartTimeMs: m.scheduledStartTime ?? null,
				owner: m.owner ?? null,
				ownerId: m.ownerID ?? null,
				recType: m.recType ?? null,
				recTypeName: named(REC_TYPE, m.recType),
				media: m.media ?? null,
				mediaName: named(MEDIA, m.media),
				userType: m.userType ?? null,
				userTypeName: named(USER_TYPE, m.userType),
				callInRestriction: m.callInRestriction ?? null,
				callInRestrictionName: named(CALL_IN_RESTRICTION, m.callInRestriction),
				confMode: m.confMode ?? null,
				confModeName: named(CONF_MODE, m.confMode),
				watermarkEnabled: m.supportWatermark === undefined ? null : m.supportWatermark === 1,
				realTimeSubtitleSupported:
					m.realTimeSubtitle === undefined ? null : m.realTimeSubtitle !== 0,
				guestJoinUri: m.guestJoinUri ?? null,
				passwords: (m.pwds ?? []).map((p) => ({
					role: p.role,
					roleName: named(PASSWORD_ROLE, p.role),
					password: includePasswords ? p.pwd : MASK,
				})),
			});
			break;
		}
		case 'ConfDynamicInfoNotify': {
			const fields: IDataObject = {};
			for (const [key, value] of Object.entries(raw)) {
				if (!['action', 'version', 'createTime', 'msgID', 'msgMode', 'confID'].includes(key))
					fields[key] = value as IDataObject[string];
			}
			const changed =
				frame.msgMode === 1
					? Object.keys(fields)
					: Object.keys(fields).filter(
							(k) => JSON.stringify(state.dynamic[k]) !== JSON.stringify(fields[k]),
						);
			state.dynamic = frame.msgMode === 1 ? { ...state.dynamic, ...fields } : { ...fields };
			Object.assign(item, {
				changed,
				status: { ...state.dynamic, endTimeIso: msToIso(state.dynamic.endTime) ?? null },
				meetingEnded: state.dynamic.state === 'Destroyed',
			});
			break;
		}
		case 'ParticipantsNotify': {
			const m = participantsSchema.parse(message);
			if (frame.msgMode !== 1) state.participants.clear();
			item.participants = m.data.map((entry) => {
				const pid = String(entry.pid);
				const removed = entry.mode === 1;
				const before = state.participants.get(pid) ?? {};
				const changes = (entry.pinfoMap ?? {}) as IDataObject;
				const current = removed ? before : { ...before, ...changes };
				if (removed) state.participants.delete(pid);
				else state.participants.set(pid, current);
				return {
					pid,
					change: removed ? 'removed' : Object.keys(before).length === 0 ? 'added' : 'updated',
					changes,
					name: (current.NAME as string | undefined) ?? null,
					role: named(PARTICIPANT_ROLE, current.ROLE),
					inMeeting: current.STATE === undefined ? null : String(current.STATE) === '0',
					current,
				};
			});
			item.participantCount = state.participants.size;
			break;
		}
		case 'SpeakerChangeNotify': {
			const data = Array.isArray(raw.data) ? (raw.data as IDataObject[]) : [];
			item.speakers = data;
			item.nobodySpeaking = data.length === 0;
			break;
		}
		case 'NetConditionNotify': {
			const m = netConditionSchema.parse(message);
			item.participants = (m.data ?? []).map(netCondition);
			break;
		}
		default:
			if (raw.data !== undefined) item.data = raw.data as IDataObject;
	}
	item.raw = includePasswords ? raw : maskPasswords(raw);
	return item;
}

function maskPasswords(raw: IDataObject): IDataObject {
	if (!Array.isArray(raw.pwds)) return raw;
	return { ...raw, pwds: (raw.pwds as IDataObject[]).map((p) => ({ ...p, pwd: MASK })) };
}
