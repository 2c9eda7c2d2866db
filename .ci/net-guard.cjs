// Loaded into the packaged server by the offline smoke test (NODE_OPTIONS=--require=…, which,
// unlike --import, also runs in every worker thread): every
// connection to anything but loopback or a local socket, and every name lookup other than
// localhost, is written to standard error as NIANBAO-NETWORK-ATTEMPT. In the test's network
// namespace such an attempt fails anyway; this names it even when the app swallows the failure.
/* eslint-disable @typescript-eslint/no-require-imports */
const dns = require('node:dns');
const net = require('node:net');
const dgram = require('node:dgram');

const local = (h) => h === undefined || h === null || h === '' || h === 'localhost' || /^127\./.test(h) || h === '::1' || h === '::ffff:127.0.0.1';
const report = (what) => process.stderr.write(`NIANBAO-NETWORK-ATTEMPT ${what}\n`);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalised arguments as one array.
  const a = Array.isArray(args[0]) ? args[0] : args;
  const o = a[0];
  if (o && typeof o === 'object') {
    if (!o.path && !local(o.host)) report(`connect ${o.host}:${o.port}`);
  } else if (typeof o === 'number' || (typeof o === 'string' && /^\d+$/.test(o))) {
    if (!local(typeof a[1] === 'string' ? a[1] : 'localhost')) report(`connect ${a[1]}:${o}`);
  }
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  if (!local(host)) report(`lookup ${host}`);
  return lookup.call(this, host, ...rest);
};
const plookup = dns.promises.lookup;
dns.promises.lookup = function (host, ...rest) {
  if (!local(host)) report(`lookup ${host}`);
  return plookup.call(this, host, ...rest);
};
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) {
  const host = args.find((x, i) => i > 0 && typeof x === 'string');
  if (!local(host)) report(`udp ${host}`);
  return send.apply(this, args);
};
