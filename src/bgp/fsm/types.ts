/**
 * Shapes of the BGP finite state machine (RFC 4271 §8): session attributes, events, actions.
 * The FSM itself is the pure function `step` in step.ts; the session layer (src/bgp/session/)
 * turns sockets and timers into events and performs the actions.
 */
import type { BgpStateName } from '../instance-api.js';

export type { BgpStateName };

/** The five timers of RFC 4271 §8.1.3 (IdleHold from §8.1.1 / peer oscillation damping). */
export type TimerName = 'ConnectRetry' | 'Hold' | 'Keepalive' | 'DelayOpen' | 'IdleHold';

/**
 * Per-peer FSM configuration: RFC 4271 §8.1.1 optional session attributes (seed SessionConfig).
 * All durations in seconds.
 */
export interface FsmConfig {
  /** Hold time we offer in OPEN (0 = no keepalives, else ≥ 3). */
  readonly holdTimeSecs: number;
  readonly connectRetrySecs: number;
  /** Base IdleHoldTime: how long the peer stays Idle before AutomaticStart after an error. */
  readonly idleHoldTimeSecs: number;
  /** DampPeerOscillations: IdleHoldTime doubles at each consecutive flap (capped). */
  readonly dampPeerOscillations: boolean;
  /** AllowAutomaticStop: the AutomaticStop event (e.g. max-prefix) is honoured, else ignored. */
  readonly allowAutomaticStop: boolean;
  /** PassiveTcpEstablishment: never initiate the TCP connection, only accept. */
  readonly passiveMode: boolean;
  /** DelayOpen: wait this long for the peer's OPEN before sending ours (0 = off). */
  readonly delayOpenTimeSecs: number;
  /** SendNOTIFICATIONwithoutOPEN: errors before our OPEN was sent still get a NOTIFICATION. */
  readonly sendNotificationWithoutOpen: boolean;
  /** CollisionDetectEstablishedState: collisions are also resolved against an Established session. */
  readonly collisionDetectEstablishedState: boolean;
}

/** Session attributes that change as the FSM runs (RFC 4271 §8 "mandatory session attributes"). */
export interface FsmState {
  readonly state: BgpStateName;
  readonly connectRetryCounter: number;
  /** DelayOpenTimer is running (RFC 4271 §8.2.2: "BGPOpen with DelayOpenTimer running"). */
  readonly delayOpenRunning: boolean;
  /** Current IdleHoldTime (seconds); grows with damping. */
  readonly idleHoldSecs: number;
  /** Hold time negotiated from both OPENs (seconds), once in OpenConfirm/Established. */
  readonly negotiatedHoldSecs: number;
  /** Time (ms, caller's clock) the session entered Established, for damping reset. */
  readonly establishedAt?: number;
  /** Administratively stopped (ManualStop): no AutomaticStart until ManualStart. */
  readonly adminDown: boolean;
}

/** NOTIFICATION payload carried by error events and send actions (RFC 4271 §4.5). */
export interface NotificationSpec {
  readonly code: number;
  readonly subcode: number;
  readonly data?: Uint8Array;
}

/** FSM input events, named as in RFC 4271 §8.1.2–§8.1.5 (event numbers in comments). */
export type FsmEvent =
  | { readonly type: 'ManualStart' } // 1
  /** 2; `notification` overrides the default CEASE/Administrative Shutdown (RFC 4486). */
  | { readonly type: 'ManualStop'; readonly notification?: NotificationSpec }
  | { readonly type: 'AutomaticStart' } // 3
  /** 8; e.g. CEASE/Maximum Number of Prefixes Reached (RFC 4486 subcode 1). */
  /** `stayDown`: no automatic restart afterwards (max-prefix TERMINATE); only ManualStart restarts. */
  | { readonly type: 'AutomaticStop'; readonly notification?: NotificationSpec; readonly stayDown?: boolean }
  | { readonly type: 'ConnectRetryTimer_Expires' } // 9
  | { readonly type: 'HoldTimer_Expires' } // 10
  | { readonly type: 'KeepaliveTimer_Expires' } // 11
  | { readonly type: 'DelayOpenTimer_Expires' } // 12
  | { readonly type: 'IdleHoldTimer_Expires' } // 13
  | { readonly type: 'TcpConnection_Valid' } // 14
  | { readonly type: 'Tcp_CR_Invalid' } // 15
  | { readonly type: 'Tcp_CR_Acked' } // 16 (our outgoing connection completed)
  | { readonly type: 'TcpConnectionConfirmed' } // 17 (incoming connection accepted)
  | { readonly type: 'TcpConnectionFails' } // 18
  /** 19/20: a valid OPEN; `holdTimeSecs` is the peer's offer. The FSM knows whether DelayOpen runs. */
  | { readonly type: 'BGPOpen'; readonly peerHoldTimeSecs: number }
  | { readonly type: 'BGPHeaderErr'; readonly error: NotificationSpec } // 21
  | { readonly type: 'BGPOpenMsgErr'; readonly error: NotificationSpec } // 22
  | { readonly type: 'OpenCollisionDump' } // 23
  | { readonly type: 'NotifMsgVerErr' } // 24
  | { readonly type: 'NotifMsg' } // 25
  | { readonly type: 'KeepAliveMsg' } // 26
  | { readonly type: 'UpdateMsg' } // 27
  | { readonly type: 'UpdateMsgErr'; readonly error: NotificationSpec } // 28
  /** Not an RFC 4271 event: a ROUTE-REFRESH (RFC 2918) counts as traffic in Established. */
  | { readonly type: 'RouteRefreshMsg' };

/** What the session layer must do, in order. */
export type FsmAction =
  | { readonly type: 'start-timer'; readonly timer: TimerName; readonly secs: number }
  | { readonly type: 'stop-timer'; readonly timer: TimerName }
  /** Initiate the outgoing TCP connection (not in passive mode). */
  | { readonly type: 'connect' }
  /** Close the TCP connection (after flushing queued output). */
  | { readonly type: 'drop-connection' }
  | { readonly type: 'send-open' }
  | { readonly type: 'send-keepalive' }
  | { readonly type: 'send-notification'; readonly notification: NotificationSpec }
  /** Session reached Established: announce Adj-RIB-Out. */
  | { readonly type: 'established' }
  /** Leaving a session: delete the peer's routes (Adj-RIB-In, Loc-RIB paths) and session resources. */
  | { readonly type: 'release-resources' }
  /** Hand the received UPDATE to the RIB (Established only). */
  | { readonly type: 'process-update' }
  /** Hand the received ROUTE-REFRESH to the RIB (Established only). */
  | { readonly type: 'process-route-refresh' };

/** Result of one FSM step. */
export interface FsmStep {
  readonly next: FsmState;
  readonly actions: readonly FsmAction[];
}
