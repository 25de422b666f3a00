/**
 * The page's only script, inlined and allowed by its hash in the page's Content-Security-Policy.
 * It reads no data: clicking a matrix cell moves that cell's <details> (already rendered and
 * escaped in the evidence section) into a modal <dialog>, and puts it back on close. Without
 * script the cell is a plain link to the same <details>.
 */
export const REPORT_SCRIPT = `(function(){
var dialog=document.getElementById('evidence-dialog');
if(!dialog||typeof dialog.showModal!=='function')return;
var body=dialog.querySelector('.dialog-body');var title=dialog.querySelector('h2');var current=null;var marker=document.createComment('evidence');
function open(id,opener){var target=document.getElementById(id);if(!target||target.tagName!=='DETAILS')return false;
if(current)dialog.close();target.parentNode.insertBefore(marker,target);body.appendChild(target);target.open=true;current={el:target,opener:opener};
var summary=target.querySelector('summary');title.textContent=summary?summary.textContent.trim():'Evidence';dialog.showModal();return true;}
dialog.addEventListener('close',function(){if(!current)return;marker.parentNode.insertBefore(current.el,marker);marker.remove();current.el.open=false;var opener=current.opener;current=null;if(opener)opener.focus();});
dialog.querySelector('button.close').addEventListener('click',function(){dialog.close();});
dialog.addEventListener('click',function(event){if(event.target===dialog)dialog.close();});
document.addEventListener('click',function(event){var link=event.target.closest&&event.target.closest('a.cell-link');if(!link)return;
var id=link.getAttribute('href').slice(1);if(open(id,link))event.preventDefault();});
if(location.hash.length>1){var hashed=document.getElementById(location.hash.slice(1));if(hashed&&hashed.tagName==='DETAILS')hashed.open=true;}
})();`;
