# escape=`

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN New-Item -ItemType Directory C:\Example; `
    Add-Content C:\Example\hello.txt 'hi'
COPY testfile.txt c:\
WORKDIR C:\Example
CMD ["cmd", "/S", "/C", "type hello.txt"]
