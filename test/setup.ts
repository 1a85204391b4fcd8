// Ink writes its CI output instead of frames when CI is set, and colour codes make frames unreadable.
delete process.env['CI'];
delete process.env['NO_COLOR'];
process.env['FORCE_COLOR'] = '0';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
// Tests must never pick up the developer's own AWS identity.
for (const name of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_REGION', 'AWS_DEFAULT_REGION']) {
	delete process.env[name];
}
