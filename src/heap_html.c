/* heap_html.c - one self-contained HTML page for a heap profile, built
 * with libxml2: the chart as inline SVG (hover readouts, legend toggles),
 * a sortable, filterable, paged band table and band details.  No network,
 * no external scripts, and the same bytes for the same input.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "heap_convert.h"
#include "heap_private.h"
#include "html_doc.h"
#include "json_write.h"

/* The page's own rules (html_doc.c has the base stylesheet). */
static const char css[] =
"#chart{position:relative;max-width:100%;overflow-x:auto}"
"#chart svg{display:block}"
".key [data-series]{cursor:pointer}"
".key .off{opacity:.3}"
"#tip{position:absolute;padding:4px 6px}"
"table{font-size:12px}"
"th{cursor:pointer;background:#f3f3f3;user-select:none}"
"td:first-child,th:first-child{max-width:60em;overflow-wrap:anywhere}"
"tr.sel td{background:#e8f0ff}"
".sw{display:inline-block;width:10px;height:10px;margin-right:6px;vertical-align:middle}"
"#ctl{margin:6px 0;font-size:13px}#ctl input{width:20em}"
"#detail{background:#f7f7f7;padding:6px;font-size:12px;min-height:1em;white-space:pre-wrap}";

/* The page script: plain ES5-ish, no libraries. */
static const char js[] =
"(function(){'use strict';\n"
"var D=JSON.parse(document.getElementById('heap-data').textContent);\n"
"var svg=document.querySelector('#chart svg'),tip=document.getElementById('tip');\n"
"var G=D.geom,S=D.series,X=D.x,hidden=S.map(function(){return false;});\n"
"var paths=[];S.forEach(function(s,k){paths[k]=svg.querySelector('.bands path[data-series=\"'+k+'\"]');});\n"
"function fmt(v){if(D.value_unit!=='bytes')return (Math.round(v*100)/100).toLocaleString('en');\n"
" var sg=v<0?'-':'',u=['B','KiB','MiB','GiB','TiB'],i=0;v=Math.abs(v);while(v>=1024&&i<4){v/=1024;i++;}return sg+(i?v.toFixed(2):Math.round(v))+' '+u[i];}\n"
"function xm(x){return G.px+(x-G.xmin)/(G.xmax-G.xmin)*G.pw;}\n"
"function ym(y){return G.py+G.ph-(y-G.ymin)/(G.ymax-G.ymin)*G.ph;}\n"
"function val(k,j){var v=S[k].v[j];if(D.style==='normalized'){var t=0;for(var q=0;q<S.length;q++)t+=S[q].v[j];return t>0?v/t:0;}return v;}\n"
"function restack(){if(D.style==='line'){S.forEach(function(s,k){if(paths[k])paths[k].style.display=hidden[k]?'none':'';});return;}\n"
" var cum=X.map(function(){return 0;});\n"
" for(var k=0;k<S.length;k++){var p=paths[k];if(!p)continue;if(hidden[k]){p.setAttribute('d','');continue;}\n"
"  var top=[],bot=[];for(var j=0;j<X.length;j++){var x=xm(X[j]).toFixed(1);bot.push(x+' '+ym(cum[j]).toFixed(1));cum[j]+=val(k,j);top.push(x+' '+ym(cum[j]).toFixed(1));}\n"
"  p.setAttribute('d','M'+top.join('L')+'L'+bot.reverse().join('L')+'Z');}}\n"
"svg.querySelectorAll('.key [data-series]').forEach(function(e){e.addEventListener('click',function(){\n"
" var k=+e.getAttribute('data-series');if(k>=S.length)return;hidden[k]=!hidden[k];\n"
" svg.querySelectorAll('.key [data-series=\"'+k+'\"]').forEach(function(m){m.classList.toggle('off',hidden[k]);});restack();});});\n"
"var guide=document.createElementNS('http://www.w3.org/2000/svg','line');guide.setAttribute('stroke','#000');guide.setAttribute('stroke-width','0.6');\n"
"guide.setAttribute('y1',G.py);guide.setAttribute('y2',G.py+G.ph);guide.style.display='none';svg.appendChild(guide);\n"
"function near(x){var lo=0,hi=X.length-1;if(hi<0)return -1;while(hi-lo>1){var m=(lo+hi)>>1;if(X[m]<x)lo=m;else hi=m;}return Math.abs(X[lo]-x)<=Math.abs(X[hi]-x)?lo:hi;}\n"
"svg.addEventListener('mousemove',function(ev){var pt=svg.createSVGPoint();pt.x=ev.clientX;pt.y=ev.clientY;\n"
" var m=svg.getScreenCTM();if(!m)return;var q=pt.matrixTransform(m.inverse());\n"
" if(q.x<G.px||q.x>G.px+G.pw||q.y<G.py||q.y>G.py+G.ph||!X.length){tip.style.display='none';guide.style.display='none';return;}\n"
" var x=G.xmin+(q.x-G.px)/G.pw*(G.xmax-G.xmin),j=near(x),y=G.ymin+(G.py+G.ph-q.y)/G.ph*(G.ymax-G.ymin);\n"
" var cum=0,hit=-1,tot=0;for(var k=0;k<S.length;k++){if(hidden[k])continue;var v=val(k,j);tot+=S[k].v[j];\n"
"  if(D.style==='line'){if(hit<0||Math.abs(v-y)<Math.abs(val(hit,j)-y))hit=k;}else{if(y>=cum&&y<cum+v)hit=k;cum+=v;}}\n"
" var t='time '+(+X[j].toPrecision(6))+' s ('+D.clock+')\\ntotal '+fmt(tot);\n"
" if(hit>=0)t=S[hit].label+'\\n'+fmt(S[hit].v[j])+'\\n'+t;\n"
" tip.textContent=t;tip.style.display='block';var r=document.getElementById('chart').getBoundingClientRect();\n"
" tip.style.left=(ev.clientX-r.left+14)+'px';tip.style.top=(ev.clientY-r.top+10)+'px';\n"
" guide.setAttribute('x1',xm(X[j]));guide.setAttribute('x2',xm(X[j]));guide.style.display='';});\n"
"svg.addEventListener('mouseleave',function(){tip.style.display='none';guide.style.display='none';});\n"
"var B=D.bands,rows=B.slice(),sortk=2,desc=true,page=0,per=100,filt='';\n"
"var tb=document.querySelector('#bands tbody'),info=document.getElementById('pageinfo'),det=document.getElementById('detail');\n"
"function apply(){var f=filt.toLowerCase();rows=B.filter(function(b){return !f||b[0].toLowerCase().indexOf(f)>=0||b[1].toLowerCase().indexOf(f)>=0;});\n"
" rows.sort(function(a,b){var x=a[sortk],y=b[sortk],c=(typeof x==='string')?(x<y?-1:x>y?1:0):x-y;return desc?-c:c;});page=0;draw();}\n"
"function draw(){var n=Math.max(1,Math.ceil(rows.length/per));if(page>=n)page=n-1;if(page<0)page=0;\n"
" while(tb.firstChild)tb.removeChild(tb.firstChild);\n"
" rows.slice(page*per,page*per+per).forEach(function(b){var tr=document.createElement('tr');\n"
"  var td=document.createElement('td'),sw=document.createElement('span');sw.className='sw';sw.style.background=b[6];td.appendChild(sw);\n"
"  td.appendChild(document.createTextNode(b[1]));tr.appendChild(td);\n"
"  [fmt(b[2]),fmt(b[3]),fmt(b[4]),fmt(b[5])+'/s'].forEach(function(s){var c=document.createElement('td');c.textContent=s;tr.appendChild(c);});\n"
"  tr.addEventListener('click',function(){tb.querySelectorAll('tr.sel').forEach(function(r){r.classList.remove('sel');});tr.classList.add('sel');\n"
"   det.textContent=(b[1]!==b[0]?b[1]+'\\n':'')+b[0]+(b[7]?'\\n'+b[7]:'');});tb.appendChild(tr);});\n"
" info.textContent='bands '+(rows.length?page*per+1:0)+'\\u2013'+Math.min(rows.length,page*per+per)+' of '+rows.length+(rows.length!==B.length?' (filtered from '+B.length+')':'');}\n"
"document.querySelectorAll('#bands th').forEach(function(th,i){th.addEventListener('click',function(){var k=[1,2,3,4,5][i];\n"
" if(sortk===k)desc=!desc;else{sortk=k;desc=k!==1;}apply();});});\n"
"document.getElementById('prev').addEventListener('click',function(){page--;draw();});\n"
"document.getElementById('next').addEventListener('click',function(){page++;draw();});\n"
"document.getElementById('filter').addEventListener('input',function(e){filt=e.target.value;apply();});\n"
"apply();\n"
"if(location.hash==='#selftest'){var r=svg.getBoundingClientRect(),sc=r.width/G.width;\n"
" svg.dispatchEvent(new MouseEvent('mousemove',{clientX:r.left+(G.px+G.pw*0.6)*sc,clientY:r.top+(G.py+G.ph-2)*sc,bubbles:true}));\n"
" var hov=tip.style.display==='block'&&tip.textContent.indexOf('time ')>=0,k=S.length-1,key=svg.querySelector('.key [data-series=\"'+k+'\"]'),tog='none';\n"
" if(key&&paths[k]){key.dispatchEvent(new MouseEvent('click',{bubbles:true}));tog=paths[k].getAttribute('d')===''?'hidden':'still-drawn';\n"
"  key.dispatchEvent(new MouseEvent('click',{bubbles:true}));if(tog==='hidden'&&paths[k].getAttribute('d')==='')tog='not-restored';}\n"
" document.body.setAttribute('data-selftest','hover='+hov+' toggle='+tog+' rows='+tb.rows.length);}\n"
"})();\n";

static xmlNodePtr
el_clean(xmlNodePtr parent, const char *name, const char *text)
{
	char *c = chart_clean_text(text, strlen(text));
	xmlNodePtr n = html_el(parent, name, c);

	free(c);
	return n;
}

/* The page data as JSON, with every '<' escaped so it can sit inside a
 * <script> element. */
static char *
page_json(const struct heap_view *v, const struct chart *c,
	  const struct chart_geom *g)
{
	const struct hp_profile *p = v->p;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct jw w;

	if (f == NULL)
		pk_oom();
	jw_init(&w, f, 0);
	jw_object_begin(&w);
	jw_kstring(&w, "style", c->style == CHART_LINES ? "line" :
		   c->style == CHART_NORMALIZED ? "normalized" : "stacked");
	jw_kstring(&w, "value_unit", p->value_unit);
	jw_kstring(&w, "clock", p->clock);
	jw_key(&w, "geom");
	jw_object_begin(&w);
	jw_kdouble(&w, "width", g->width);
	jw_kdouble(&w, "px", g->px);
	jw_kdouble(&w, "py", g->py);
	jw_kdouble(&w, "pw", g->pw);
	jw_kdouble(&w, "ph", g->ph);
	jw_kdouble(&w, "xmin", g->xmin);
	jw_kdouble(&w, "xmax", g->xmax);
	jw_kdouble(&w, "ymin", g->ymin);
	jw_kdouble(&w, "ymax", g->ymax);
	jw_object_end(&w);
	/* the drawn points only: O(series x width) */
	size_t m = g->nidx;
	bool all = c->style == CHART_LINES;
	/* the chart drew bucket means (heap_chart_of): give those */
	bool means = !all && c->nseries > 0 && c->series[0].n != p->nsamples;
	if (all)
		m = p->nsamples;
	jw_key(&w, "x");
	jw_array_begin(&w);
	for (size_t j = 0; j < m; j++)
		jw_double(&w, means ? c->series[0].x[g->idx[j]] :
			  p->samples[all ? j : g->idx[j]].time);
	jw_array_end(&w);
	jw_key(&w, "series");
	jw_array_begin(&w);
	for (size_t k = 0; k < v->n; k++) {
		const struct heap_vseries *s = &v->s[k];
		char col[8];

		jw_object_begin(&w);
		jw_kstring(&w, "label", s->label);
		html_colour(col, chart_series_colour(&c->series[k]));
		jw_kstring(&w, "colour", col);
		jw_key(&w, "v");
		jw_array_begin(&w);
		for (size_t j = 0; j < m; j++)
			jw_uint(&w, means ?
				(uint64_t)llround(c->series[k].y[g->idx[j]]) :
				s->values[all ? j : g->idx[j]]);
		jw_array_end(&w);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	/* every band of the profile for the table:
	 * [name, label, total, peak, last, growth, colour, detail] */
	jw_key(&w, "bands");
	jw_array_begin(&w);
	for (size_t b = 0; b < p->nbands; b++) {
		const struct hp_band *bd = &p->bands[b];
		char col[8];

		jw_array_begin(&w);
		jw_stringn(&w, bd->name, bd->len);
		jw_string(&w, bd->label ? bd->label : bd->name);
		jw_uint(&w, bd->total);
		jw_uint(&w, bd->peak);
		jw_uint(&w, bd->last);
		jw_double(&w, round(bd->growth * 1000) / 1000);
		bool shown = false;
		for (size_t k = 0; k < v->n; k++)
			if (v->s[k].band == b)
				shown = true;
		html_colour(col, shown ? chart_colour(bd->name) : CHART_GREY);
		jw_string(&w, col);
		if (bd->detail)
			jw_string(&w, bd->detail);
		else
			jw_null(&w);
		jw_array_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_free(&w);
	fclose(f);

	size_t lt = 0;
	for (size_t i = 0; i < len; i++)
		lt += buf[i] == '<' || buf[i] == '>' || buf[i] == '&';
	char *o = pk_xmalloc(len + lt * 5 + 1), *q = o;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '<' || buf[i] == '>' || buf[i] == '&') {
			q += sprintf(q, "\\u%04x", (unsigned)buf[i]);
		} else
			*q++ = buf[i];
	}
	*q = '\0';
	free(buf);
	return o;
}

int
heap_write_html(const struct heap_opts *o, const struct heap_view *v,
		const struct heap_ipe_coverage *cov, FILE *f,
		struct pk_err *err)
{
	const struct hp_profile *p = v->p;
	struct chart c;
	struct heap_chart_store st;
	struct chart_geom g;
	htmlDocPtr doc = html_doc_new();
	xmlNodePtr body, n, div, tbl;
	char buf[512];

	heap_chart_of(o, v, &c, &st);
	{
		char *t = chart_clean_text(c.title, strlen(c.title));

		body = html_page(doc, t, css);
		free(t);
	}
	snprintf(buf, sizeof buf, "%s%s%zu samples · %zu bands · x axis: %s",
		 c.subtitle ? c.subtitle : "", c.subtitle ? " · " : "",
		 p->nsamples, p->nbands, p->clock);
	n = el_clean(body, "p", buf);
	html_attr(n, "class", "sub");
	for (size_t i = 0; i < p->nwarnings; i++) {
		n = el_clean(body, "p", p->warnings[i]);
		html_attr(n, "class", "warn");
	}
	if (cov && cov->bands) {
		snprintf(buf, sizeof buf,
			 "IPE coverage: %zu of %zu info-table bands have an IPE entry (%.1f %%), covering %.1f %% of the bytes.",
			 cov->bands_matched, cov->bands,
			 100.0 * (double)cov->bands_matched / (double)cov->bands,
			 cov->bytes ? 100.0 * (double)cov->bytes_matched /
			 (double)cov->bytes : 0.0);
		n = html_el(body, "p", buf);
		html_attr(n, "class", "note");
	}
	div = xmlNewChild(body, NULL, BAD_CAST "div", NULL);
	html_attr(div, "id", "chart");
	xmlAddChild(div, chart_svg_node(&c, &g));
	n = xmlNewChild(div, NULL, BAD_CAST "div", NULL);
	html_attr(n, "id", "tip");
	n = html_el(body, "p", "Hover over the chart for values; click a key entry to hide or show its band.");
	html_attr(n, "class", "note");

	html_el(body, "h2", "Bands");
	div = xmlNewChild(body, NULL, BAD_CAST "div", NULL);
	html_attr(div, "id", "ctl");
	n = xmlNewChild(div, NULL, BAD_CAST "input", NULL);
	html_attr(n, "id", "filter");
	html_attr(n, "type", "search");
	html_attr(n, "placeholder", "filter bands by name");
	xmlAddChild(div, xmlNewText(BAD_CAST " "));
	n = html_el(div, "button", "\xe2\x97\x80 prev");
	html_attr(n, "id", "prev");
	html_attr(n, "type", "button");
	n = html_el(div, "button", "next \xe2\x96\xb6");
	html_attr(n, "id", "next");
	html_attr(n, "type", "button");
	xmlAddChild(div, xmlNewText(BAD_CAST " "));
	n = html_el(div, "span", "");
	html_attr(n, "id", "pageinfo");
	tbl = xmlNewChild(body, NULL, BAD_CAST "table", NULL);
	html_attr(tbl, "id", "bands");
	{
		static const char *const h[] = {"band", "total", "peak", "last",
						"growth"};

		html_row(xmlNewChild(tbl, NULL, BAD_CAST "thead", NULL), "th",
			 h, sizeof h / sizeof *h);
	}
	xmlNewChild(tbl, NULL, BAD_CAST "tbody", NULL);
	html_el(body, "h2", "Details");
	n = html_el(body, "pre", "Click a band in the table for its details.");
	html_attr(n, "id", "detail");

	char *data = page_json(v, &c, &g);
	n = html_el(body, "script", NULL);
	xmlAddChild(n, xmlNewText(BAD_CAST data));
	html_attr(n, "type", "application/json");
	html_attr(n, "id", "heap-data");
	free(data);
	n = xmlNewChild(body, NULL, BAD_CAST "script", NULL);
	xmlAddChild(n, xmlNewText(BAD_CAST js));

	int rc = html_doc_write(f, doc, false, err);
	if (rc == 0 && fputc('\n', f) == EOF) {
		pk_err_set(err, "cannot write the HTML page");
		rc = -1;
	}
	xmlFreeDoc(doc);
	chart_geom_free(&g);
	heap_chart_store_free(&st);
	return rc;
}
