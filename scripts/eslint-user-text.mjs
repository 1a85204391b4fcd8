// ESLint rule `bkw/no-literal-user-text` (docs/contributing.md, 'Words for the user'): what a person reads
// comes from the message catalogs in source/core/i18n, in each language, never from a string literal
// written where it is shown. The rule finds literals with words in the places that reach a person:
//
// - the message and fix of a Problem: `new Problem(kind, message, fix)`, `usageProblem(message, fix)`, and
//   `super(kind, message, fix)` in a class that extends Problem;
// - what is written or logged: `<anything>.stdout.write(…)`, `<anything>.stderr.write(…)`, and calls of a
//   function named log, out, line, say, warn or print (`log(…)`, `run.log(…)`, `options.log(…)`);
// - notices, warnings and reasons: an object property `notice`, `warning`, `reason` or `diagnosis`
//   (a NOTICE event, a seat's failure), and the elements of a `warnings` or `notices` array;
// - questions: the message of a line prompt (`prompts.text|confirm|pickMany|secret(message, …)`, an
//   inquirer `message:`), its `required:` text, and the strings a `validate` function returns;
// - the Ink UI: text between tags (`<Text>words</Text>`), a string literal as a child (`{'words'}`), and
//   the attributes title, label, hint, placeholder and message.
//
// A literal counts when its text has a word: two letters in a row (any script, so Japanese written
// outside the catalogs counts too), once flags (--region), environment variable names (AWS_REGION) and
// key symbols are set aside. Symbols, spaces and punctuation (`'! '`, `` `  - ${line}` ``) are layout, not
// words. The parts looked at are those that end up in the text: template literals, both branches of
// `a ? b : c`, `a ?? b`, `a || b`, `a + b`, arrays and spreads; not the test of a condition, and not the
// arguments of another call (a catalog function's arguments are data, such as flag names).
//
// Not checked: source/core/i18n (the catalogs), source/sandbox and source/core/iam (they speak for AWS:
// its error messages are AWS's own words, in English), command-line help (commander's descriptions), and
// `new Error(…)` (a bug's text for developers, shown after the catalog's "Unexpected failure").

const WRITERS = new Set(['stdout', 'stderr']);
const LOGGERS = new Set(['log', 'out', 'line', 'say', 'warn', 'print']);
const PROMPTS = new Set(['text', 'confirm', 'pickMany', 'secret']);
const TEXT_PROPERTIES = new Set(['notice', 'warning', 'reason', 'diagnosis', 'required']);
const TEXT_ARRAYS = new Set(['warnings', 'notices']);
const TEXT_ATTRIBUTES = new Set(['title', 'label', 'hint', 'placeholder', 'message']);

/** Flags, environment variables and key names are code, not words. */
const CODE = /--?[a-z][\w-]*|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:ctrl|shift|alt|esc|enter|tab|pgup|pgdn)\+?\w*/g;
const WORD = /\p{L}{2}/u;
export const hasWords = (text) => WORD.test(text.replace(CODE, ' '));

const calleeName = (callee) =>
	callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined;
const objectName = (callee) => (callee.type === 'MemberExpression' ? calleeName(callee.object) : undefined);
const keyName = (property) =>
	property.key?.type === 'Identifier' ? property.key.name : property.key?.type === 'Literal' ? String(property.key.value) : undefined;

/** The literals of `node` that end up in the text it evaluates to. */
function textLiterals(node, found = []) {
	if (!node) return found;
	switch (node.type) {
		case 'Literal':
			if (typeof node.value === 'string' && hasWords(node.value)) found.push(node);
			break;
		case 'TemplateLiteral':
			if (node.quasis.some((quasi) => hasWords(quasi.value.cooked ?? quasi.value.raw))) found.push(node);
			for (const expression of node.expressions) textLiterals(expression, found);
			break;
		case 'ConditionalExpression':
			textLiterals(node.consequent, found);
			textLiterals(node.alternate, found);
			break;
		case 'LogicalExpression':
			textLiterals(node.left, found);
			textLiterals(node.right, found);
			break;
		case 'BinaryExpression':
			if (node.operator === '+') {
				textLiterals(node.left, found);
				textLiterals(node.right, found);
			}
			break;
		case 'ArrayExpression':
			for (const element of node.elements) textLiterals(element, found);
			break;
		case 'SpreadElement':
		case 'TSAsExpression':
		case 'TSSatisfiesExpression':
		case 'TSNonNullExpression':
		case 'ChainExpression':
			textLiterals(node.argument ?? node.expression, found);
			break;
	}
	return found;
}

/** The values a function returns: its expression body, or the argument of each of its own return statements. */
function returnedValues(fn) {
	if (fn.body.type !== 'BlockStatement') return [fn.body];
	const values = [];
	const visit = (node) => {
		if (!node || typeof node.type !== 'string') return;
		if (node.type === 'ReturnStatement') return void values.push(node.argument);
		if (node !== fn.body && /Function/.test(node.type)) return;
		for (const [key, child] of Object.entries(node)) {
			if (key === 'parent') continue;
			if (Array.isArray(child)) child.forEach(visit);
			else if (child && typeof child.type === 'string') visit(child);
		}
	};
	visit(fn.body);
	return values;
}

export default {
	meta: {
		type: 'problem',
		docs: {description: 'Words for the user come from the message catalogs (source/core/i18n), not string literals.'},
		schema: [],
		messages: {
			literal: 'Words for the user belong in the message catalogs (source/core/i18n, every language), not in a literal here ({{where}}).',
		},
	},
	create(context) {
		const report = (nodes, where) => {
			for (const node of nodes.flatMap((n) => textLiterals(n))) context.report({node, messageId: 'literal', data: {where}});
		};
		return {
			NewExpression(node) {
				if (node.callee.type === 'Identifier' && node.callee.name === 'Problem') report(node.arguments.slice(1, 3), 'a Problem');
			},
			CallExpression(node) {
				if (node.callee.type === 'Super') {
					// The constructor of a Problem of its own kind (class PolicyTooLarge extends Problem).
					const owner = context.sourceCode
						.getAncestors(node)
						.findLast((ancestor) => ancestor.type === 'ClassDeclaration' || ancestor.type === 'ClassExpression');
					if (owner?.superClass?.type === 'Identifier' && owner.superClass.name === 'Problem') report(node.arguments.slice(1, 3), 'a Problem');
					return;
				}
				const name = calleeName(node.callee);
				if (name === 'usageProblem') return report(node.arguments.slice(0, 2), 'a Problem');
				if (name === 'write' && WRITERS.has(objectName(node.callee))) return report(node.arguments.slice(0, 1), 'written output');
				if (LOGGERS.has(name)) return report(node.arguments.slice(0, 1), 'logged output');
				if (PROMPTS.has(name) && objectName(node.callee) === 'prompts') return report(node.arguments.slice(0, 1), 'a question');
			},
			Property(node) {
				const key = keyName(node);
				if (!key || node.parent.type !== 'ObjectExpression') return;
				if (TEXT_PROPERTIES.has(key) || key === 'message') {
					// `message:` of an object literal: an inquirer question, a Problem-like or an event's text.
					report([node.value], key === 'message' ? 'a message' : `a ${key}`);
				} else if (TEXT_ARRAYS.has(key) && node.value.type === 'ArrayExpression') report(node.value.elements, `the ${key}`);
				else if (key === 'validate' && /Function/.test(node.value.type)) report(returnedValues(node.value), 'a validation message');
			},
			JSXText(node) {
				if (hasWords(node.value)) context.report({node, messageId: 'literal', data: {where: 'text in the UI'}});
			},
			JSXExpressionContainer(node) {
				if (node.parent.type === 'JSXElement' || node.parent.type === 'JSXFragment') report([node.expression], 'text in the UI');
			},
			JSXAttribute(node) {
				const name = node.name.type === 'JSXIdentifier' ? node.name.name : undefined;
				if (!name || !TEXT_ATTRIBUTES.has(name) || !node.value) return;
				report([node.value.type === 'JSXExpressionContainer' ? node.value.expression : node.value], `the ${name} of a component`);
			},
		};
	},
};
