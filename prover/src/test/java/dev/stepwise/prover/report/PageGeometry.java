package dev.stepwise.prover.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a page looks like once a browser has laid it out, measured by a script the test adds to a
 * copy of the page: every SVG text's box against its drawing's (clipped labels), axis labels
 * against each other (overlaps), each chart's tick labels, how many lines table cells take, and
 * the tree graph's highlighted proof path, whether a table runs off the page. The script writes JSON into the DOM, which
 * {@code --dump-dom} hands back.
 */
final class PageGeometry {
    private static final String SCRIPT = """
            (function(){
              var out={clipped:[],overlaps:[],charts:[],cells:{},graph:null};
              function r(e){return e.getBoundingClientRect();}
              function inside(a,b){return a.left>=b.left-0.5&&a.right<=b.right+0.5&&a.top>=b.top-0.5&&a.bottom<=b.bottom+0.5;}
              function meet(a,b){return a.left<b.right-0.5&&b.left<a.right-0.5&&a.top<b.bottom-0.5&&b.top<a.bottom-0.5;}
              document.querySelectorAll('svg').forEach(function(svg){
                var box=r(svg), name=svg.getAttribute('aria-label')||svg.id;
                var texts=Array.prototype.slice.call(svg.querySelectorAll('text'));
                texts.forEach(function(t){ if(t.textContent&&!inside(r(t),box)){out.clipped.push(name+': '+t.textContent);} });
                var axis=texts.filter(function(t){return /\\b(x|tickx|ticky|slant|xtitle|ytitle)\\b/.test(t.getAttribute('class')||'');});
                for(var i=0;i<axis.length;i++){for(var j=i+1;j<axis.length;j++){
                  // Parallel slanted labels a slot apart have overlapping boxes but never touch.
                  var slanted=/slant/.test(axis[i].getAttribute('class'))&&/slant/.test(axis[j].getAttribute('class'));
                  if(!slanted&&meet(r(axis[i]),r(axis[j]))){out.overlaps.push(name+': '+axis[i].textContent+' / '+axis[j].textContent);} }}
                if(svg.classList.contains('chart')){
                  out.charts.push({title:name,
                    yticks:Array.prototype.map.call(svg.querySelectorAll('text.ticky'),function(t){return t.textContent;}),
                    xticks:Array.prototype.map.call(svg.querySelectorAll('text.tickx'),function(t){return t.textContent;}),
                    xlabels:Array.prototype.map.call(svg.querySelectorAll('text.lbl.x, text.slant'),function(t){return t.textContent;})});
                }
              });
              function lines(sel){
                return Array.prototype.map.call(document.querySelectorAll(sel),function(td){
                  var range=document.createRange(); range.selectNodeContents(td);
                  var h=range.getBoundingClientRect().height, lh=parseFloat(getComputedStyle(td).lineHeight);
                  return {chars:td.textContent.length,lines:Math.round(h/lh)};
                });
              }
              out.cells.overflows=Array.prototype.some.call(document.querySelectorAll('table'),function(t){
                return r(t).right>r(document.body).right+0.5;});
              out.cells.time=lines('table.problems td:nth-child(7)');
              out.cells.verdict=lines('table.problems td.verdict');
              var g=document.querySelector('svg.treegraph');
              if(g){out.graph={drawn:+g.getAttribute('data-drawn'),nodes:+g.getAttribute('data-nodes'),
                proofEdges:g.querySelectorAll('line.edge.proofpath').length,
                proofNodes:g.querySelectorAll('circle.gnode.proofpath').length,
                width:r(g).width,height:r(g).height};}
              var s=document.createElement('script'); s.type='application/json'; s.id='geometry';
              s.textContent=JSON.stringify(out); document.body.appendChild(s);
            })();
            """;

    private PageGeometry() {
    }

    /** A copy of {@code page} beside it (so relative links still work) that measures itself when opened. */
    static Path instrumented(Path page) throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        Path copy = page.resolveSibling("measured-" + page.getFileName());
        Files.writeString(copy, html.substring(0, end) + "<script>" + SCRIPT + "</script>" + html.substring(end), StandardCharsets.UTF_8);
        return copy;
    }

    /** The measurements out of a dumped DOM. */
    static JsonNode read(String dom) throws IOException {
        String open = "<script type=\"application/json\" id=\"geometry\">";
        int at = dom.indexOf(open);
        if (at < 0) {
            throw new AssertionError("the measuring script did not run");
        }
        return new ObjectMapper().readTree(dom.substring(at + open.length(), dom.indexOf("</script>", at)));
    }
}
