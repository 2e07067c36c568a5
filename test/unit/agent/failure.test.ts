/**
 * Remote error shapes (src/agent/rpc/failure.ts) and dispatch (src/agent/rpc/dispatcher.ts), as
 * oslo.messaging's serialize_remote_exception and RPCDispatcher produce them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BambuError, invalidArgument } from '../../../src/lib/errors.js';
import { codeToClass, decodeFailure, encodeFailure, errorToFailure, RpcRemoteError } from '../../../src/agent/rpc/failure.js';
import { dispatch, versionCompatible } from '../../../src/agent/rpc/dispatcher.js';

describe('oslo failures', () => {
  it('a BambuError travels as class <Code>, module bambu.errors, with code and field in kwargs', () => {
    const f = errorToFailure(invalidArgument('hyper_vif.address', 'not a MAC address'));
    assert.deepEqual(f, {
      class: 'InvalidArgument',
      module: 'bambu.errors',
      message: 'hyper_vif.address: not a MAC address',
      tb: [],
      args: ['hyper_vif.address: not a MAC address'],
      kwargs: { code: 'INVALID_ARGUMENT', field: 'hyper_vif.address' },
    });
    assert.equal(codeToClass('FAILED_PRECONDITION'), 'FailedPrecondition');
  });

  it('failure is a JSON string that decodes back to the same code and field', () => {
    const s = encodeFailure(new BambuError('NOT_FOUND', 'instance i9 not found'));
    assert.equal(typeof s, 'string');
    const e = decodeFailure(s);
    assert.ok(e instanceof RpcRemoteError);
    assert.equal(e.code, 'NOT_FOUND');
    assert.equal(e.excType, 'NotFound');
    assert.equal(e.message, 'instance i9 not found');
  });

  it('a plain Error becomes INTERNAL; a Python exception keeps its class and module', () => {
    assert.equal(errorToFailure(new Error('boom')).class, 'Internal');
    const py = JSON.stringify({ class: 'KeyError', module: 'builtins', message: "'i1'", tb: ['Traceback…'], args: ['i1'], kwargs: {} });
    const e = decodeFailure(py);
    assert.equal(e.code, 'INTERNAL');
    assert.equal(e.excType, 'KeyError');
    assert.equal(e.excModule, 'builtins');
    assert.match(e.message, /builtins\.KeyError: 'i1'/);
    assert.equal(decodeFailure('{not json').code, 'INTERNAL');
  });
});

describe('dispatcher', () => {
  const endpoint = {
    version: '1.1',
    methods: {
      echo: (args: Record<string, unknown>, ctxt: Record<string, unknown>) => ({ args, ctxt }),
      fail: () => {
        throw invalidArgument('x', 'bad');
      },
      nothing: () => undefined,
    },
  };

  it('calls the method with keyword args and context; undefined result becomes null', async () => {
    assert.deepEqual(await dispatch(endpoint, 'echo', { a: 1 }, { user_id: 'u' }), { result: { args: { a: 1 }, ctxt: { user_id: 'u' } }, failure: null });
    assert.deepEqual(await dispatch(endpoint, 'nothing', {}, {}), { result: null, failure: null });
  });

  it('unknown method → NoSuchMethod of oslo_messaging.rpc.dispatcher (also for inherited names)', async () => {
    for (const m of ['no_such_method', 'toString', '__proto__']) {
      const out = await dispatch(endpoint, m, {}, {});
      const f = JSON.parse(out.failure!);
      assert.equal(f.class, 'NoSuchMethod');
      assert.equal(f.module, 'oslo_messaging.rpc.dispatcher');
      assert.equal(f.message, `Endpoint does not support RPC method ${m}`);
    }
  });

  it('version: same major and minor not higher; missing = 1.0', async () => {
    assert.equal(versionCompatible('1.1', '1.0'), true);
    assert.equal(versionCompatible('1.1', '1.1'), true);
    assert.equal(versionCompatible('1.1', '1.2'), false);
    assert.equal(versionCompatible('1.1', '2.0'), false);
    assert.equal(versionCompatible('1.1', 'x'), false);
    const out = await dispatch(endpoint, 'echo', {}, {}, '2.0');
    assert.deepEqual(JSON.parse(out.failure!).class, 'UnsupportedVersion');
    assert.equal(JSON.parse(out.failure!).message, 'Endpoint does not support RPC version 2.0. Attempted method: echo');
    assert.equal((await dispatch(endpoint, 'echo', {}, {})).failure, null);
    // oslo checks version before the method: an unknown method at a foreign version is UnsupportedVersion
    assert.equal(JSON.parse((await dispatch(endpoint, 'nope', {}, {}, '2.0')).failure!).class, 'UnsupportedVersion');
  });

  it('a request in another namespace is UnsupportedVersion (only the default namespace is served)', async () => {
    const out = await dispatch(endpoint, 'echo', {}, {}, '1.0', 'baremetal');
    assert.equal(JSON.parse(out.failure!).class, 'UnsupportedVersion');
  });

  it('a throwing method becomes a failure, never an exception', async () => {
    const out = await dispatch(endpoint, 'fail', {}, {});
    assert.equal(out.result, null);
    assert.equal(JSON.parse(out.failure!).message, 'x: bad');
  });
});
