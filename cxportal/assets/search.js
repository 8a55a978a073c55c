/* cxportal search queries: a code finds its own item, and on a stemmed index «клиентов» finds «клиента».

   Only query messages to Material's search worker are touched ({type: 2, data: the query}).

   Codes. lunr's query lexer splits a word at every "-" and reads a "-" that starts a word as "must not
   contain", so "5P-2" asked for "5P, without any word starting with 2": the principle's own section was left
   out. A query that is one code ("5P-2", "5p2", "5P 2") asks instead for documents with both parts
   ("+5P +2"): the item's section first (both parts are in its title), then the few pages that cite it.

   Stemming (a site whose index is stemmed, such as the Russian one: <meta name="cx:stemmed-search">). Material's search worker turns every
   query word into a prefix query ("клиентов*"), and lunr.js does not stem prefix queries, so a whole word in
   another grammatical form finds nothing. This adds each whole word once more with a neutral boost
   ("клиентов^1"): lunr stems that one, and the results are the union of both. */

const QUERY = 2;
// One code: letters (and digits) before an optional "-" or space, then the item's number.
const CODE = /^\s*([\p{L}\d]*\p{L}[\p{L}\d]*)[-\s]?(\d+)\s*$/u;
const WORD = /^[\p{L}\p{N}]{3,}$/u;
const stemmed = document.querySelector('meta[name="cx:stemmed-search"]') !== null;
if (stemmed) document.documentElement.classList.add("cx-stemmed-search");

/** The query as the search worker should run it. */
function rewrite(query) {
  const code = CODE.exec(query);
  if (code) return `+${code[1]} +${code[2]}`;
  if (stemmed && !/[*~^+:"-]/.test(query)) {
    const words = query.trim().split(/\s+/).filter((word) => WORD.test(word));
    if (words.length) return `${query} ${words.map((w) => `${w}^1`).join(" ")}`;
  }
  return query;
}

const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === QUERY && typeof message.data === "string") {
    message = { ...message, data: rewrite(message.data) };
  }
  return post.call(this, message, ...rest);
};
