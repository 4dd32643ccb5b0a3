echo pwd; cd /tests/dir; pwd; cd /
echo wc; wc /tests/hello.txt /tests/size4097; wc -l < /tests/size4097; wc -x; echo $?
echo head; head -n 2 /tests/size4097; head -n 1 /tests/hello.txt /tests/dir/a.txt; head -n x; echo $?
echo tail; tail -n 2 /tests/size4097; tail /nothing; echo $?
echo grep; grep -n '^size4097 0000000[4-6]' /tests/size4097; grep -c 'a.*z$' /tests/size4097; grep -v -i -F SIZE /tests/size4097; echo $?; grep; echo $?
echo od; od -c /tests/size0; od -b /tests/dir/a.txt; od -x /tests/size4096 | head -n 4
echo sort uniq; printf 'b\na\nc\na\n10\n9\n' | sort; printf '10\n9\n2\n' | sort -n -r; printf 'a\na\nb\na\n' | uniq -c; printf 'x\nx\ny\n' | sort -u
echo tee; echo teed | tee | cat; tee /tests/x < /tests/hello.txt; echo $?
echo env printf; env -i A=1 B=2 env; env -i /bin/echo run; printf '%s|%5d|%-3s|%x|%c|%%|%.2f\n' a 42 b 255 xyz 2.5 c; printf 'oct\101\n'; printf '%d\n' x; echo $?
echo which; which ls sh; which nope; echo $?
echo glob; echo /tests/size*; echo /tests/size?; echo /tests/size[0-1]*; echo /tests/*/a.txt /tests/d?r/
echo nomatch* '*' "/tests/h*" \* /tests/[!sdbhu]*; cd /tests/dir; echo * */*; echo .*; cd /
echo jobs; sleep 5 & sleep 5 & jobs | wc -l; kill %2; kill %1; wait; jobs; kill %1
