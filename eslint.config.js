import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noLiteralUserText from './scripts/eslint-user-text.mjs';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			'no-console': 'off',
		},
	},
	{
		// Words for the user come from the message catalogs (docs/contributing.md, 'Words for the user').
		files: ['source/**/*.{ts,tsx}'],
		ignores: ['source/core/i18n/**', 'source/sandbox/**', 'source/core/iam/**'],
		plugins: {bkw: {rules: {'no-literal-user-text': noLiteralUserText}}},
		rules: {'bkw/no-literal-user-text': 'error'},
	},
	{
		files: ['scripts/**/*.mjs'],
		languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly'}},
	},
);
