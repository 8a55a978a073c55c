/* cxportal search stemming: lets «клиентов» find «клиента» on sites whose search index is stemmed.

   Material's search worker turns every query word into a prefix query ("клиентов*"), and lunr.js does not
   stem prefix queries, so a whole word in another grammatical form finds nothing. This adds each whole word
   once more with a neutral boost ("клиентов^1"): lunr stems that one, and the results are the union of both.
   Only query messages to the search worker are touched ({type: 2, data: the query}). */

const QUERY = 2;
document.documentElement.classList.add("cx-stemmed-search");
const WORD = /^[\p{L}\p{N}]{3,}$/u;

const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === QUERY && typeof message.data === "string" && !/[*~^+:"-]/.test(message.data)) {
    const words = message.data.trim().split(/\s+/).filter((word) => WORD.test(word));
    if (words.length) message = { ...message, data: `${message.data} ${words.map((w) => `${w}^1`).join(" ")}` };
  }
  return post.call(this, message, ...rest);
};
